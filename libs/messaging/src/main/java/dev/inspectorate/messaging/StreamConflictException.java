package dev.inspectorate.messaging;

/** Another writer appended to the stream first: the command saw a stale version and must not be applied. */
public class StreamConflictException extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;
    private final Long currentVersion;

    public StreamConflictException(String streamId, long expectedVersion) {
        this(streamId, expectedVersion, null);
    }

    public StreamConflictException(String streamId, long expectedVersion, Long currentVersion) {
        super("stream " + streamId + " is no longer at version " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** The stream's version when the conflict was found, where known. */
    public java.util.Optional<Long> currentVersion() {
        return java.util.Optional.ofNullable(currentVersion);
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
