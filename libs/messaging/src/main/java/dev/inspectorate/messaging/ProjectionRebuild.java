package dev.inspectorate.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds a projection from the beginning of its topic into fresh copies of its tables in another schema, while
 * the live tables keep serving. The result can be compared with the live projection (they must agree) and is the
 * measure of replay speed.
 */
@ApplicationScoped
public class ProjectionRebuild {
    @Inject
    Pool pool;

    @Inject
    ProjectionRunner runner;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    public record Result(long events, Duration elapsed) {
        public double eventsPerSecond() {
            return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Replays {@code topic} up to its end as it is now into {@code schema}, which is created afresh with an empty
     * copy of each of {@code tables} and of the event log and stream positions. Blocks until done.
     */
    public Result rebuild(Projection projection, String topic, String schema, List<String> tables) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}") || schema.equals("public")) {
            throw new IllegalArgumentException("not a rebuild schema: " + schema);
        }
        StringBuilder ddl = new StringBuilder("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + ";");
        for (String t : concat(tables, List.of("events", "stream_position"))) {
            if (!t.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a table name: " + t);
            }
            ddl.append(" CREATE TABLE ").append(schema).append('.').append(t)
                    .append(" (LIKE public.").append(t).append(" INCLUDING ALL);");
        }
        pool.query(ddl.toString()).execute().await().atMost(Duration.ofMinutes(1));

        long started = System.nanoTime();
        long events = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // The next batch is fetched and decoded while the database applies the one before; batches still
            // apply one after the other, in order.
            CompletableFuture<Void> applying = CompletableFuture.completedFuture(null);
            while (!reached(consumer, end)) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    Uni<Void> next = runner.consume(projection, batch, schema);
                    applying.join();
                    applying = next.subscribeAsCompletionStage();
                    events += batch.count();
                }
            }
            applying.join();
        }
        return new Result(events, Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Large batches: a replay's cost is mostly per statement, and each batch is one transaction.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Runs the given check in a transaction that reads the rebuild schema first. */
    public <T> Uni<T> inRebuild(String schema, java.util.function.Function<io.vertx.mutiny.sqlclient.SqlConnection, Uni<T>> read) {
        return pool.withTransaction(tx -> tx.query("SET LOCAL search_path TO " + schema + ", public").execute()
                .flatMap(x -> read.apply(tx)));
    }
}
