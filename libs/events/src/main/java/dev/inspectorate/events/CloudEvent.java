package dev.inspectorate.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvent 1.0 as the platform carries it in Kafka binary mode: attributes in {@code ce_*} headers, the
 * JSON data as the record value, and the inspection id as the record key.
 *
 * @param subject the stream the event belongs to, e.g. {@code case-omi2-thames-valley-2010/C001}
 * @param inspectionId extension {@code inspectionid}; also the Kafka key, so an inspection stays on one partition
 * @param sequence extension {@code sequence}: the event's version within its stream, from 1
 */
public record CloudEvent(
        UUID id,
        String type,
        URI source,
        String subject,
        OffsetDateTime time,
        URI dataschema,
        String inspectionId,
        long sequence,
        byte[] data) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(inspectionId, "inspectionId");
        Objects.requireNonNull(data, "data");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1");
        }
    }

    /** The schema version named by {@link #dataschema()}, e.g. 1 for {@code .../v1.json}; 1 when absent. */
    public int schemaVersion() {
        if (dataschema == null) {
            return 1;
        }
        String path = dataschema.getPath();
        int v = path.lastIndexOf("/v");
        int dot = path.lastIndexOf(".json");
        if (v < 0 || dot < v) {
            throw new InvalidEventException("dataschema " + dataschema + " carries no version");
        }
        try {
            return Integer.parseInt(path.substring(v + 2, dot));
        } catch (NumberFormatException e) {
            throw new InvalidEventException("dataschema " + dataschema + " carries no version");
        }
    }
}
