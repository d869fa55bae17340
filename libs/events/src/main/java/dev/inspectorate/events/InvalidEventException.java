package dev.inspectorate.events;

/** An event that cannot be decoded or breaks its contract; consumers send it to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
