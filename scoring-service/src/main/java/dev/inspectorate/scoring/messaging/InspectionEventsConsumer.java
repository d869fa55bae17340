package dev.inspectorate.scoring.messaging;

import dev.inspectorate.messaging.ProjectionRunner;
import dev.inspectorate.scoring.projection.ScoringProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds inspection-events to the scoring projection; offsets are committed once a batch is in the database. */
@ApplicationScoped
public class InspectionEventsConsumer {
    @Inject
    ProjectionRunner runner;

    @Inject
    ScoringProjection projection;

    @Incoming("inspection-events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return runner.consume(projection, records);
    }
}
