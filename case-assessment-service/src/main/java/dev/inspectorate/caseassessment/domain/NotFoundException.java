package dev.inspectorate.caseassessment.domain;

/** The inspection or case a request names does not exist. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
