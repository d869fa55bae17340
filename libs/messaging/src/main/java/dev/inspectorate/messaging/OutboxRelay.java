package dev.inspectorate.messaging;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.KafkaCloudEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the event log to Kafka in commit-safe order. It reads only events whose transaction is older than
 * every transaction still running ({@code tx_id < xmin}) and walks a cursor over (tx_id, global_position), so an
 * event that commits late with a lower position is published, never skipped. The cursor moves only past events
 * Kafka committed. Each batch is one Kafka transaction: a batch the broker may or may not have taken when a
 * failure struck is aborted (read_committed consumers never see it) and sent again whole, so a failure can neither
 * reorder events nor show one twice. Only a crash between the Kafka commit and the cursor update republishes a
 * batch, which consumers drop by stream sequence. With the broker down it keeps retrying; commands never wait.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String NEXT_BATCH = """
            SELECT tx_id::text AS tx, global_position, stream_id, stream_version, event_id, type, schema_version,
                   inspection_id, data::text AS data, metadata::text AS metadata, recorded_at
            FROM events
            WHERE (tx_id, global_position) > ($1::text::xid8, $2)
              AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx_id, global_position
            LIMIT $3""";

    /** Committed events the cursor has not passed: what waits for the broker. Uses the batch query's index. */
    private static final String BACKLOG = """
            SELECT count(*) AS n FROM events WHERE (tx_id, global_position) > ($1::text::xid8, $2)""";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "outbox.topic")
    Optional<String> topic;

    @ConfigProperty(name = "outbox.source", defaultValue = "/inspection-platform")
    String source;

    @ConfigProperty(name = "outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "outbox.idle-poll", defaultValue = "PT0.25S")
    Duration idlePoll;

    @Inject
    Pool pool;

    @Inject
    KafkaProducers producers;

    @Inject
    MeterRegistry metrics;

    private URI sourceUri;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong lastPublishedPosition = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Counter published;
    private Producer<String, byte[]> producer;

    void start(@Observes StartupEvent ev) {
        if (topic.isEmpty()) {
            return;
        }
        published = metrics.counter("outbox.events.published", "topic", topic.get());
        // Counted, not "newest position minus last published": positions commit out of order, so that difference
        // can show a backlog where there is none, or hide one below a late commit.
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Committed events not yet published to the topic")
                .tag("topic", topic.get()).register(metrics);
        sourceUri = URI.create(source);
        running = true;
        thread = new Thread(this::run, "outbox-relay-" + topic.get());
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        discardProducer();
    }

    /** After any failure the producer is replaced: a new one fences the old and aborts its open transaction. */
    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debugf("closing the relay producer: %s", e);
            }
            producer = null;
        }
    }

    /** Called after a transaction that appended events commits, so publication does not wait for the poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** The global position of the last event the broker acknowledged. */
    public long lastPublishedPosition() {
        return lastPublishedPosition.get();
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try {
                int n = relayOnce();
                backoffMs = 100;
                if (n < batchSize) {
                    wakeups.drainPermits();
                    // Events below a still-running transaction wait for it: look again soon, not at the idle pace.
                    wakeups.tryAcquire(n > 0 ? 5 : idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                discardProducer();
                if (running) {
                    LOG.warnf("outbox relay to %s failed, retrying in %d ms: %s", topic.get(), backoffMs, e.toString());
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 5_000);
                }
            }
        }
    }

    /**
     * Publishes one batch; returns how many events the broker acknowledged. Runs on the relay's own thread and
     * blocks on each step, so a slow broker never holds an event-loop thread.
     */
    int relayOnce() {
        SqlConnection conn = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(TIMEOUT);
            try {
                int acked = publishBatch(conn);
                tx.commit().await().atMost(TIMEOUT);
                return acked;
            } catch (RuntimeException e) {
                tx.rollback().await().atMost(TIMEOUT);
                throw e;
            }
        } finally {
            conn.close().await().atMost(TIMEOUT);
        }
    }

    private int publishBatch(SqlConnection conn) {
        String name = topic.get();
        boolean mine = conn.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS mine")
                .execute(Tuple.of("outbox-relay:" + name)).await().atMost(TIMEOUT)
                .iterator().next().getBoolean("mine");
        if (!mine) {
            return 0; // another instance of this service is relaying
        }
        conn.preparedQuery("INSERT INTO relay_cursor (topic, tx_id, global_position) VALUES ($1, '0', 0) ON CONFLICT (topic) DO NOTHING")
                .execute(Tuple.of(name)).await().atMost(TIMEOUT);
        Row cursor = conn.preparedQuery("SELECT tx_id::text AS tx, global_position FROM relay_cursor WHERE topic = $1")
                .execute(Tuple.of(name)).await().atMost(TIMEOUT).iterator().next();
        // Counted before sending, so the gauge shows the backlog that builds up while the broker is away.
        long pending = conn.preparedQuery(BACKLOG)
                .execute(Tuple.of(cursor.getString("tx"), cursor.getLong("global_position")))
                .await().atMost(TIMEOUT).iterator().next().getLong("n");
        backlog.set(pending);
        List<Row> batch = new ArrayList<>();
        conn.preparedQuery(NEXT_BATCH)
                .execute(Tuple.of(cursor.getString("tx"), cursor.getLong("global_position"), batchSize))
                .await().atMost(TIMEOUT)
                .forEach(batch::add);
        if (batch.isEmpty()) {
            return 0;
        }
        int acked = sendAll(batch);
        Row last = batch.get(acked - 1);
        conn.preparedQuery("UPDATE relay_cursor SET tx_id = $2::text::xid8, global_position = $3 WHERE topic = $1")
                .execute(Tuple.of(name, last.getString("tx"), last.getLong("global_position")))
                .await().atMost(TIMEOUT);
        lastPublishedPosition.set(last.getLong("global_position"));
        published.increment(acked);
        backlog.set(pending - acked);
        return acked;
    }

    /** Sends a batch in order as one Kafka transaction; returns its size once committed, else throws. */
    private int sendAll(List<Row> batch) {
        if (producer == null) {
            producer = producers.transactional(topic.get());
        }
        producer.beginTransaction();
        for (Row r : batch) {
            producer.send(KafkaCloudEvents.toRecord(topic.get(), toCloudEvent(r)));
        }
        producer.commitTransaction();
        return batch.size();
    }

    private CloudEvent toCloudEvent(Row r) {
        String type = r.getString("type");
        int version = r.getInteger("schema_version");
        return new CloudEvent(
                r.getUUID("event_id"),
                type,
                sourceUri,
                r.getString("stream_id"),
                r.getOffsetDateTime("recorded_at"),
                EventType.dataschema(type, version),
                r.getString("inspection_id"),
                r.getLong("stream_version"),
                r.getString("data").getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
