package dev.inspectorate.caseassessment.domain;

/** The inspection or case a request names does not exist; {@code field} names which. */
public class NotFoundException extends RuntimeException {
    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
