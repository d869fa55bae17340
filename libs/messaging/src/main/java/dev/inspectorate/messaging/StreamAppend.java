package dev.inspectorate.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Events to append to one stream, valid only if the stream is still at {@code expectedVersion} (0 for a new
 * stream). Metadata (actor, correlation id, idempotency key) is stored beside each event, not published.
 */
public record StreamAppend(
        String streamId, long expectedVersion, String inspectionId, List<? extends Record> payloads,
        Map<String, String> metadata) {

    public StreamAppend {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(inspectionId, "inspectionId");
        payloads = List.copyOf(payloads);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative");
        }
    }

    public long newVersion() {
        return expectedVersion + payloads.size();
    }
}
