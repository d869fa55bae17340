package dev.inspectorate.caseassessment.store;

/** The caller's If-Match names a version the stream has moved on from. */
public class PreconditionFailedException extends RuntimeException {
    private final long currentVersion;

    public PreconditionFailedException(String what, long expected, long currentVersion) {
        super(what + " is at version " + currentVersion + ", not " + expected);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
