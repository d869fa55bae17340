package dev.inspectorate.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** CloudEvents Kafka protocol binding, binary content mode, for the platform's attributes and extensions. */
public final class KafkaCloudEvents {
    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATASCHEMA = "ce_dataschema";
    public static final String INSPECTION_ID = "ce_inspectionid";
    public static final String SEQUENCE = "ce_sequence";
    public static final String CONTENT_TYPE = "content-type";
    /** Set on dead-lettered records: why the consumer refused the event. */
    public static final String DLQ_REASON = "dlq-reason";

    private KafkaCloudEvents() {}

    public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent e) {
        Headers h = new RecordHeaders();
        put(h, SPECVERSION, "1.0");
        put(h, ID, e.id().toString());
        put(h, TYPE, e.type());
        put(h, SOURCE, e.source().toString());
        put(h, SUBJECT, e.subject());
        // RFC 3339, which CloudEvents requires: seconds always (OffsetDateTime.toString drops ":00").
        put(h, TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()));
        if (e.dataschema() != null) {
            put(h, DATASCHEMA, e.dataschema().toString());
        }
        put(h, INSPECTION_ID, e.inspectionId());
        put(h, SEQUENCE, Long.toString(e.sequence()));
        put(h, CONTENT_TYPE, "application/json");
        return new ProducerRecord<>(topic, null, e.inspectionId(), e.data(), h);
    }

    /** Decodes a record; any missing or malformed attribute is an {@link InvalidEventException} naming it. */
    public static CloudEvent fromRecord(ConsumerRecord<String, byte[]> r) {
        Headers h = r.headers();
        String spec = get(h, SPECVERSION);
        if (!"1.0".equals(spec)) {
            throw new InvalidEventException("ce_specversion must be 1.0, was " + spec);
        }
        if (r.value() == null) {
            throw new InvalidEventException("record has no data");
        }
        try {
            UUID id = UUID.fromString(required(h, ID));
            String dataschema = get(h, DATASCHEMA);
            return new CloudEvent(
                    id,
                    required(h, TYPE),
                    Uris.of(required(h, SOURCE)),
                    required(h, SUBJECT),
                    OffsetDateTime.parse(required(h, TIME)),
                    dataschema == null ? null : Uris.of(dataschema),
                    required(h, INSPECTION_ID),
                    Long.parseLong(required(h, SEQUENCE)),
                    r.value());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("malformed CloudEvent attribute: " + e.getMessage(), e);
        }
    }

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers h, String name) {
        String v = get(h, name);
        if (v == null || v.isEmpty()) {
            throw new InvalidEventException("header " + name + " is missing");
        }
        return v;
    }

    public static String get(Headers h, String name) {
        Header last = h.lastHeader(name);
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
