package dev.inspectorate.messaging;

import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/** Sends refused events to {@code <topic>.dlq}, unchanged, with the reason and where they came from. */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    KafkaProducers producers;

    @Inject
    MeterRegistry metrics;

    public record Refused(ConsumerRecord<String, byte[]> record, String reason) {}

    /** Completes once the broker has acknowledged every dead letter. */
    public Uni<Void> send(List<Refused> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>item(() -> {
            List<Future<?>> acks = new ArrayList<>();
            for (Refused r : refused) {
                ConsumerRecord<String, byte[]> in = r.record();
                LOG.warnf("dead-lettering %s-%d@%d: %s", in.topic(), in.partition(), in.offset(), r.reason());
                RecordHeaders headers = new RecordHeaders(in.headers().toArray());
                headers.add(KafkaCloudEvents.DLQ_REASON, r.reason().getBytes(StandardCharsets.UTF_8));
                headers.add("dlq-source", (in.topic() + "-" + in.partition() + "@" + in.offset()).getBytes(StandardCharsets.UTF_8));
                acks.add(producers.producer().send(
                        new ProducerRecord<>(Topics.deadLetter(in.topic()), null, in.key(), in.value(), headers)));
                metrics.counter("events.dead.lettered", "topic", in.topic()).increment();
            }
            for (Future<?> f : acks) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new BrokerUnavailableException("dead letter not acknowledged: " + e, e);
                }
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
