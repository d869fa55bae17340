package dev.inspectorate.testing;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.KafkaCloudEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the test broker from the beginning, without a consumer group, to check what was published. */
public final class TopicReader {
    private TopicReader() {}

    /** Reads until the records so far satisfy {@code done}, or fails after the timeout. */
    public static List<ConsumerRecord<String, byte[]>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topic " + topic + " did not reach the expected state within " + timeout
                            + "; it holds " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The CloudEvents of one inspection on a topic, once at least {@code count} of them are there. */
    public static List<CloudEvent> events(String topic, String inspectionId, int count, Duration timeout) {
        return readUntil(topic, rs -> forInspection(rs, inspectionId).size() >= count, timeout).stream()
                .filter(r -> inspectionId.equals(r.key()))
                .map(KafkaCloudEvents::fromRecord)
                .toList();
    }

    private static List<ConsumerRecord<String, byte[]>> forInspection(
            List<ConsumerRecord<String, byte[]>> records, String inspectionId) {
        return records.stream().filter(r -> inspectionId.equals(r.key())).toList();
    }
}
