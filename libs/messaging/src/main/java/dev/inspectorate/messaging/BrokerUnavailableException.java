package dev.inspectorate.messaging;

/** The broker did not acknowledge a record in time; the work is retried, never dropped. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
