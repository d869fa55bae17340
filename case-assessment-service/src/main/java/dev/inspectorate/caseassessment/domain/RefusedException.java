package dev.inspectorate.caseassessment.domain;

/** A command refused by a rule; nothing was appended. */
public class RefusedException extends RuntimeException {
    private final Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
