package dev.inspectorate.testing;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.KafkaCloudEvents;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the test broker as a producing service would: CloudEvents with the next sequence of their
 * stream. Lets a consumer be tested without running its upstream service.
 */
public final class TestEvents implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String source;
    private final Map<String, Long> sequences = new HashMap<>();

    public TestEvents(String source) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props);
        this.source = source;
    }

    /** Sends the payload as the next event of its stream and waits for the broker's acknowledgement. */
    public CloudEvent send(String topic, String streamId, String inspectionId, Record payload) {
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        return send(topic, streamId, inspectionId, sequence, payload);
    }

    /** Sends with an explicit sequence, e.g. to redeliver an event. */
    public CloudEvent send(String topic, String streamId, String inspectionId, long sequence, Record payload) {
        CloudEvent event = event(streamId, inspectionId, sequence, payload);
        send(KafkaCloudEvents.toRecord(topic, event));
        return event;
    }

    /** Sends without waiting, for many events in order; {@link #flush()} waits for all of them. */
    public CloudEvent publish(String topic, String streamId, String inspectionId, Record payload) {
        CloudEvent event = event(streamId, inspectionId, sequences.merge(streamId, 1L, Long::sum), payload);
        producer.send(KafkaCloudEvents.toRecord(topic, event));
        return event;
    }

    public void flush() {
        producer.flush();
    }

    private CloudEvent event(String streamId, String inspectionId, long sequence, Record payload) {
        EventType type = EventType.of(payload.getClass());
        return new CloudEvent(UUID.randomUUID(), type.ceType(), URI.create(source), streamId,
                OffsetDateTime.now(ZoneOffset.UTC), type.dataschema(), inspectionId, sequence, EventJson.encode(payload));
    }

    /** Sends a raw record, e.g. a malformed one. */
    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not acknowledge " + record, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
