package dev.inspectorate.reporting.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.messaging.Projection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest figures of each inspection, from score-events. */
@ApplicationScoped
public class ScoresProjection implements Projection {

    @Override
    public String name() {
        return "reporting-scores-v1";
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        // Only the newest revision of each inspection in the batch matters.
        Map<String, CloudEvent> latest = new LinkedHashMap<>();
        for (CloudEvent e : events) {
            if (e.type().equals(EventType.SCORES_CHANGED.ceType())) {
                EventJson.decode(e, ScoresChanged.class); // refuses a malformed payload before it is stored
                latest.put(e.inspectionId(), e);
            }
        }
        return Multi.createFrom().iterable(latest.values())
                .onItem().transformToUniAndConcatenate(e -> tx.preparedQuery("""
                                INSERT INTO inspection_scores (inspection_id, revision, scores) VALUES ($1, $2, $3::text::jsonb)
                                ON CONFLICT (inspection_id) DO UPDATE SET revision = EXCLUDED.revision, scores = EXCLUDED.scores
                                WHERE inspection_scores.revision < EXCLUDED.revision""")
                        .execute(Tuple.of(e.inspectionId(), e.sequence(), new String(e.data(), StandardCharsets.UTF_8))))
                .collect().last().replaceWithVoid();
    }
}
