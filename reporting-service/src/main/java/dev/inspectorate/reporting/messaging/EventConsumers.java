package dev.inspectorate.reporting.messaging;

import dev.inspectorate.messaging.ProjectionRunner;
import dev.inspectorate.reporting.projection.InspectionProjection;
import dev.inspectorate.reporting.projection.PerformanceProjection;
import dev.inspectorate.reporting.projection.ScoresProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The report's read model is fed only by events. */
@ApplicationScoped
public class EventConsumers {
    @Inject
    ProjectionRunner runner;

    @Inject
    InspectionProjection inspections;

    @Inject
    ScoresProjection scores;

    @Inject
    PerformanceProjection performance;

    @Incoming("inspection-events")
    public Uni<Void> inspectionEvents(ConsumerRecords<String, byte[]> records) {
        return runner.consume(inspections, records);
    }

    @Incoming("score-events")
    public Uni<Void> scoreEvents(ConsumerRecords<String, byte[]> records) {
        return runner.consume(scores, records);
    }

    @Incoming("performance-events")
    public Uni<Void> performanceEvents(ConsumerRecords<String, byte[]> records) {
        return runner.consume(performance, records);
    }
}
