package dev.inspectorate.scoring.projection;

import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.scoring.domain.Count;
import dev.inspectorate.scoring.domain.ScoringEngine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An inspection's figures as they stood at an instant: the state after exactly the case events timed at or before
 * it, folded as the projection folds them (each case's latest answer per question, in stream order; a withdrawn
 * case's judgements left out), whatever batches the events were applied in. Empty before the first case event.
 */
public final class ScoresAsOf {
    private ScoresAsOf() {}

    private static final String SQL = """
            WITH h AS (
                SELECT case_id, sequence, at, question_id, change FROM case_history
                WHERE inspection_id = $1 AND at <= $2),
            c AS (
                SELECT case_id, bool_or(change = 'WITHDRAWN') AS withdrawn,
                       coalesce((array_agg(change ORDER BY sequence DESC)
                                 FILTER (WHERE change IN ('SUBMITTED', 'REOPENED')))[1] = 'SUBMITTED', false) AS submitted
                FROM h WHERE question_id IS NULL GROUP BY case_id HAVING bool_or(change = 'SAMPLED')),
            j AS (
                SELECT DISTINCT ON (case_id, question_id) case_id, question_id, change FROM h
                WHERE question_id IS NOT NULL ORDER BY case_id, question_id, sequence DESC)
            SELECT NULL AS question_id, 0 AS sufficient, 0 AS applicable,
                   (SELECT count(*) FROM c WHERE NOT withdrawn)::int AS cases,
                   (SELECT count(*) FROM c WHERE submitted AND NOT withdrawn)::int AS submitted,
                   (SELECT count(*) FROM c WHERE withdrawn)::int AS withdrawn,
                   (SELECT max(at) FROM h) AS latest
            UNION ALL
            SELECT j.question_id, count(*) FILTER (WHERE j.change = 'SUFFICIENT')::int,
                   count(*) FILTER (WHERE j.change <> 'NOT_APPLICABLE')::int, 0, 0, 0, NULL
            FROM j JOIN c USING (case_id) WHERE NOT c.withdrawn GROUP BY j.question_id""";

    /** The scores.changed payload as at {@code at}, stamped with the time of the last event it includes. */
    public static Uni<Optional<ScoresChanged>> of(SqlClient client, String inspectionId, Framework framework,
            int catalogueVersion, Instant at) {
        return client.preparedQuery(SQL).execute(Tuple.of(inspectionId, at.atOffset(ZoneOffset.UTC))).map(rows -> {
            Map<String, Count> counts = new HashMap<>();
            ScoresChanged.Sample sample = null;
            OffsetDateTime latest = null;
            for (Row r : rows) {
                if (r.getString("question_id") == null) {
                    sample = new ScoresChanged.Sample(r.getInteger("cases"), r.getInteger("submitted"), r.getInteger("withdrawn"));
                    latest = r.getOffsetDateTime("latest");
                } else {
                    counts.put(r.getString("question_id"), new Count(r.getInteger("sufficient"), r.getInteger("applicable")));
                }
            }
            if (latest == null) {
                return Optional.empty();
            }
            return Optional.of(ScoresPayload.of(inspectionId, framework, catalogueVersion, latest.toInstant(),
                    ScoringEngine.score(Catalogues.of(framework), counts), sample));
        });
    }
}
