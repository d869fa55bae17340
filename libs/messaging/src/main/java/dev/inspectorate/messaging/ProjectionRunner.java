package dev.inspectorate.messaging;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.InvalidEventException;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.messaging.DeadLetters.Refused;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Feeds a batch of Kafka records to a {@link Projection}: undecodable records go to the dead-letter topic; the
 * rest are applied in one transaction together with their stream positions, so a redelivery changes nothing and
 * the offsets (committed by the caller once the returned Uni completes) never run ahead of the database.
 * Transient failures (database or broker unavailable) are retried without end; an event the projection refuses
 * is isolated by applying the batch in ever smaller halves and dead-lettered alone.
 */
@ApplicationScoped
public class ProjectionRunner {
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    @Inject
    Pool pool;

    @Inject
    DeadLetters deadLetters;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry metrics;

    private record Delivery(ConsumerRecord<String, byte[]> record, CloudEvent event) {}

    public Uni<Void> consume(Projection projection, Iterable<ConsumerRecord<String, byte[]>> records) {
        return consume(projection, records, null);
    }

    /**
     * As {@link #consume(Projection, Iterable)}, but into the copy of the projection's tables in {@code schema}
     * (a rebuild), or the live tables when it is null.
     */
    public Uni<Void> consume(Projection projection, Iterable<ConsumerRecord<String, byte[]>> records, String schema) {
        List<Delivery> deliveries = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                deliveries.add(new Delivery(r, KafkaCloudEvents.fromRecord(r)));
            } catch (InvalidEventException e) {
                refused.add(new Refused(r, e.getMessage()));
            }
        }
        return retryingTransient(deadLetters.send(refused))
                .flatMap(x -> deliveries.isEmpty() ? Uni.createFrom().voidItem() : applyAll(projection, deliveries, schema));
    }

    private Uni<Void> applyAll(Projection projection, List<Delivery> deliveries, String schema) {
        return retryingTransient(apply(projection, deliveries, schema))
                .onFailure().recoverWithUni(e -> {
                    if (deliveries.size() == 1) {
                        return deadLetters.send(List.of(new Refused(deliveries.get(0).record(), reason(e))));
                    }
                    // Halves, in order, until the refused event stands alone: a few transactions, not one per event.
                    LOG.warnf("projection %s refused a batch (%s); applying its %d events in halves",
                            projection.name(), e.toString(), deliveries.size());
                    int half = deliveries.size() / 2;
                    return applyAll(projection, deliveries.subList(0, half), schema)
                            .flatMap(x -> applyAll(projection, deliveries.subList(half, deliveries.size()), schema));
                });
    }

    private Uni<Void> apply(Projection projection, List<Delivery> deliveries, String schema) {
        List<CloudEvent> events = deliveries.stream().map(Delivery::event).toList();
        return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> inSchema(tx, schema)
                        .flatMap(x -> StreamPositions.unapplied(tx, projection.name(), events))
                                .flatMap(fresh -> fresh.isEmpty()
                                        ? Uni.createFrom().voidItem()
                                        : projection.apply(tx, fresh)
                                                .flatMap(x -> StreamPositions.advance(tx, projection.name(), fresh))
                                                .invoke(() -> metrics.counter("projection.events.applied",
                                                        "projection", projection.name()).increment(fresh.size())))))
                .invoke(relay::wake);
    }

    private static Uni<Void> inSchema(io.vertx.mutiny.sqlclient.SqlConnection tx, String schema) {
        if (schema == null) {
            return Uni.createFrom().voidItem();
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        // SET LOCAL lasts until the end of this transaction; the pooled connection is left as it was.
        return tx.query("SET LOCAL search_path TO " + schema + ", public").execute().replaceWithVoid();
    }

    private <T> Uni<T> retryingTransient(Uni<T> work) {
        return work.onFailure(ProjectionRunner::isTransient)
                .invoke(e -> LOG.warnf("transient failure, retrying: %s", e.toString()))
                .onFailure(ProjectionRunner::isTransient)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }

    /** Failures that say nothing about the event: the database or broker is unavailable, or a race was lost. */
    static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // connection, resources, shutdown, serialization and deadlock failures; other states are the event's
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("40001") || state.equals("40P01");
            }
            if (c instanceof StreamConflictException || c instanceof BrokerUnavailableException
                    || c instanceof ConnectException || c instanceof ClosedConnectionException
                    || c instanceof NoStackTraceThrowable || c instanceof TimeoutException
                    || c instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
