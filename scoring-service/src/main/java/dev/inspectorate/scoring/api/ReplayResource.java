package dev.inspectorate.scoring.api;

import dev.inspectorate.events.Topics;
import dev.inspectorate.messaging.ProjectionRebuild;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import dev.inspectorate.scoring.projection.ScoringProjection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Replays inspection-events from the beginning through the scoring projection into a scratch schema, beside the
 * live tables, and compares the two: the proof that the live counts, built incrementally through restarts and
 * redeliveries, equal a from-scratch replay. Also the measure of replay speed.
 */
@Path("/projections/scoring/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.OPERATOR)
public class ReplayResource {
    static final String SCHEMA = "scoring_replay";
    static final List<String> TABLES = List.of("inspection", "sampled_case", "judgement", "question_count", "case_history",
            "score_revision");

    /** Rows compared per table; the figures of the latest revision, without its time, stand for score_revision. */
    static final Map<String, String> COMPARED = compared();

    private static Map<String, String> compared() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("inspection", "SELECT id, area, framework, catalogue_version FROM %s.inspection");
        m.put("sampled_case", "SELECT inspection_id, case_id, characteristics, withdrawn, submitted FROM %s.sampled_case");
        m.put("judgement", "SELECT inspection_id, case_id, question_id, answer FROM %s.judgement");
        m.put("question_count", "SELECT inspection_id, question_id, sufficient, applicable FROM %s.question_count");
        // The figures as at any instant come from here, so they are the same live and replayed.
        m.put("case_history", "SELECT inspection_id, case_id, sequence, at, question_id, change FROM %s.case_history");
        // Batching decides how many revisions there are and the time each carries, not the figures.
        m.put("scores", "SELECT DISTINCT ON (inspection_id) inspection_id, scores - 'asAt' AS scores FROM %s.score_revision"
                + " ORDER BY inspection_id, revision DESC");
        return m;
    }

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    ProjectionRebuild rebuild;

    @Inject
    ScoringProjection projection;

    @Inject
    Pool pool;

    @Schema(description = "A replay and its comparison with the live projection")
    public record Replay(
            @Schema(description = "Events replayed: the topic from its beginning to its end when the replay began",
                    example = "1000000") long events,
            @Schema(example = "14.2") double seconds,
            @Schema(example = "70422.5") double eventsPerSecond,
            @Schema(description = "Rows that differ between the live and the replayed projection, by table; "
                    + "'scores' compares each inspection's latest figures",
                    example = "{\"inspection\": 0, \"sampled_case\": 0, \"judgement\": 0, \"question_count\": 0, \"case_history\": 0, \"scores\": 0}")
            Map<String, Long> differences,
            @Schema(description = "No row differs. Meaningful when no event arrived during the replay.")
            boolean matchesLive) {}

    @POST
    @Operation(summary = "Replay the scoring projection and compare it with the live one",
            description = "Replays inspection-events from the beginning into the schema scoring_replay (emptied first) "
                    + "while the live projection keeps serving, then counts the rows that differ. Takes a while on a "
                    + "large topic; one replay at a time.")
    @APIResponse(responseCode = "200", description = "Replayed and compared")
    @APIResponse(responseCode = "409", description = "A replay is already running")
    public Replay replay() {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("replay-running", "A replay is already running; try again when it ends", Map.of());
        }
        try {
            ProjectionRebuild.Result r = rebuild.rebuild(projection, Topics.INSPECTION_EVENTS, SCHEMA, TABLES);
            Map<String, Long> differences = new LinkedHashMap<>();
            for (var table : COMPARED.entrySet()) {
                differences.put(table.getKey(), differing(table.getValue()));
            }
            return new Replay(r.events(), r.elapsed().toNanos() / 1e9, r.eventsPerSecond(), differences,
                    differences.values().stream().allMatch(n -> n == 0));
        } finally {
            running.set(false);
        }
    }

    /** Rows in one projection and not in the other, both ways. */
    private long differing(String select) {
        String live = select.formatted("public");
        String replayed = select.formatted(SCHEMA);
        String sql = "SELECT count(*) AS n FROM (((" + live + ") EXCEPT ALL (" + replayed + ")) UNION ALL (("
                + replayed + ") EXCEPT ALL (" + live + "))) d";
        return pool.query(sql).execute().await().atMost(Duration.ofMinutes(5)).iterator().next().getLong("n");
    }
}
