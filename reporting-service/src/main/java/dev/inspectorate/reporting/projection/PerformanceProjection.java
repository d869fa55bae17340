package dev.inspectorate.reporting.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.messaging.Projection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Each area's performance datasets from performance-events; a later version supersedes the earlier. */
@ApplicationScoped
public class PerformanceProjection implements Projection {

    @Override
    public String name() {
        return "reporting-performance-v1";
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        List<CloudEvent> loaded = events.stream()
                .filter(e -> e.type().equals(EventType.PERFORMANCE_DATASET_LOADED.ceType())).toList();
        return Multi.createFrom().iterable(loaded)
                .onItem().transformToUniAndConcatenate(e -> {
                    PerformanceDatasetLoaded d = EventJson.decode(e, PerformanceDatasetLoaded.class);
                    return tx.preparedQuery("""
                                    UPDATE performance_dataset SET superseded = true
                                    WHERE area = $1 AND period = $2 AND framework = $3 AND version < $4""")
                            .execute(Tuple.of(d.area(), d.period(), d.framework(), d.version()))
                            .flatMap(x -> tx.preparedQuery("""
                                            INSERT INTO performance_dataset (id, area, period, framework, version, data)
                                            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (id) DO NOTHING""")
                                    .execute(Tuple.from(List.of(d.datasetId(), d.area(), d.period(), d.framework(),
                                            d.version(), new String(e.data(), StandardCharsets.UTF_8)))));
                })
                .collect().last().replaceWithVoid();
    }
}
