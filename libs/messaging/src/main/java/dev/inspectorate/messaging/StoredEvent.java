package dev.inspectorate.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event as appended to a service's event log. */
public record StoredEvent(
        long globalPosition,
        String streamId,
        long streamVersion,
        UUID eventId,
        String type,
        int schemaVersion,
        String inspectionId,
        String data,
        String metadata,
        OffsetDateTime recordedAt) {}
