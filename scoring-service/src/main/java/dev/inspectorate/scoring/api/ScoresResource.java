package dev.inspectorate.scoring.api;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import dev.inspectorate.scoring.domain.Count;
import dev.inspectorate.scoring.domain.Score;
import dev.inspectorate.scoring.domain.ScoringEngine;
import dev.inspectorate.scoring.domain.Scores;
import dev.inspectorate.scoring.projection.ScoresAsOf;
import dev.inspectorate.scoring.projection.ScoresPayload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections/{id}/scores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
public class ScoresResource {
    static final Instant EARLIEST_AS_OF = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST_AS_OF = Instant.parse("9999-12-31T23:59:59Z");

    @Inject
    Pool pool;

    @Inject
    Caller caller;

    static final String AS_OF = "An ISO-8601 instant from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z, e.g. "
            + "2010-04-20T17:00:00Z: the figures after exactly the judgements (and revisions, moderations, "
            + "withdrawals) timed at or before it. Absent: the latest figures.";
    static final String BAD_AS_OF = "asOf is not an instant, or is outside 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z "
            + "(problem+json naming asOf)";

    /** An inspection's figures at one revision; revision 0 and no figures before any judgement. */
    @Schema(description = "An inspection's figures. Without asOf, its latest revision; with asOf, the figures as at "
            + "that instant, numbered by the latest revision recorded by then (several judgements applied together "
            + "make one revision, so the figures as at an instant between them belong to none).",
            example = """
                    {"revision": 12, "scores": {"inspectionId": "omi2-thames-valley-2010", "framework": "omi2",
                     "catalogueVersion": 1, "asAt": "2010-04-20T16:58:02.114Z",
                     "criteria": {"1.2": {"value": 62.5, "display": 63, "band": "SUBSTANTIAL improvement required",
                       "low": 30.6, "high": 86.3, "questions": 1, "judgements": 8}},
                     "sections": {"1": {"value": 62.5, "display": 63, "low": 30.6, "high": 86.3, "questions": 1, "judgements": 8}},
                     "threads": {"risk-of-harm": {"value": 62.5, "display": 63, "band": "SUBSTANTIAL improvement required",
                       "low": 30.6, "high": 86.3, "questions": 1, "judgements": 8}},
                     "questions": {"1.2.01": {"sufficient": 5, "applicable": 8, "percent": 62.5, "display": 63,
                       "low": 30.57, "high": 86.32}},
                     "sample": {"cases": 8, "submitted": 2, "withdrawn": 0}}}""")
    public record ScoresView(
            @Schema(description = "Revision number, from 1; 0 before the first case event (or before asOf's first)")
            long revision,
            @Schema(description = "The figures; null before any case event", nullable = true) ScoresBody scores) {}

    /**
     * The published figures (the scores.changed payload) with each question's proportion and Wilson 95% interval
     * worked out from its counts, which are all the event carries.
     */
    @Schema(description = "Every figure with data: criterion, section, overall (ESI) and thread or headline scores, "
            + "each with its unrounded value, display (rounded half-up), band, 95% interval and the questions and "
            + "judgements behind it; each question's counts; the sample")
    public record ScoresBody(String inspectionId, Framework framework, int catalogueVersion,
            @Schema(description = "Time of the latest event the figures include") Instant asAt,
            @Schema(description = "By criterion id") Map<String, ScoresChanged.Figure> criteria,
            @Schema(description = "By section id") Map<String, ScoresChanged.Figure> sections,
            @Schema(description = "ESI's weighted overall score, once every weighted section has one", nullable = true)
            ScoresChanged.Figure overall,
            @Schema(description = "OMI1's Risk of Harm thread, OMI2's headline scores, by id") Map<String, ScoresChanged.Figure> threads,
            @Schema(description = "By question id; only questions applicable to some case") Map<String, QuestionTally> questions,
            ScoresChanged.Sample sample) {

        static ScoresBody of(ScoresChanged s) {
            Map<String, QuestionTally> questions = new LinkedHashMap<>();
            s.questions().forEach((id, t) -> questions.put(id, QuestionTally.of(new Count(t.sufficient(), t.applicable()))));
            return new ScoresBody(s.inspectionId(), s.framework(), s.catalogueVersion(), s.asAt(), s.criteria(),
                    s.sections(), s.overall(), s.threads(), questions, s.sample());
        }
    }

    /** A question's counts, proportion sufficient (unrounded and shown) and 95% Wilson interval; only questions with data are listed. */
    @Schema(description = "Cases judged sufficient of those the question applied to; percent unrounded, display "
            + "rounded half-up, low and high the Wilson 95% interval", example = """
            {"sufficient": 5, "applicable": 8, "percent": 62.5, "display": 63, "low": 30.57, "high": 86.32}""")
    public record QuestionTally(int sufficient, int applicable, double percent, int display, double low, double high) {
        static QuestionTally of(Count c) {
            double[] w = c.wilson();
            return new QuestionTally(c.sufficient(), c.applicable(), c.percent(), Score.roundHalfUp(c.percent()), w[0], w[1]);
        }
    }

    /** One question's counts and proportion, with its 95% Wilson interval; null figures where it never applied. */
    @Schema(description = "A question of the catalogue with its counts; percent, display, low and high are null "
            + "where it applied to no case", example = """
            {"questionId": "1.2.01", "criterionId": "1.2", "text": "Had a RoH screening been completed?",
             "sufficient": 5, "applicable": 8, "percent": 62.5, "display": 63, "low": 30.57, "high": 86.32}""")
    public record QuestionView(String questionId, String criterionId, String text, int sufficient, int applicable,
            Double percent, Integer display, Double low, Double high) {}

    /** Scores of the cases sharing one value of a characteristic. */
    @Schema(description = "The scores of the cases sharing one value of the characteristic")
    public record Group(
            @Schema(description = "The value as the sample gives it ('high', 'true', '3'), or 'none'", example = "high")
            String value,
            @Schema(description = "Cases in the group, withdrawn ones left out", example = "12") int cases, Map<String, ScoresChanged.Figure> criteria,
            Map<String, ScoresChanged.Figure> sections, ScoresChanged.Figure overall,
            Map<String, ScoresChanged.Figure> threads) {}

    @Schema(description = "Scores by the values of one case characteristic, groups ordered by value", example = """
            {"inspectionId": "omi2-thames-valley-2010", "by": "roshLevel", "groups": [
              {"value": "high", "cases": 2, "criteria": {"1.2": {"value": 75.0, "display": 75,
                "band": "MODERATE improvement required", "low": 30.1, "high": 97.2, "questions": 2, "judgements": 4}},
               "sections": {"1": {"value": 75.0, "display": 75, "low": 30.1, "high": 97.2, "questions": 2, "judgements": 4}},
               "threads": {}}]}""")
    public record Breakdown(String inspectionId, String by, List<Group> groups) {}

    private record Inspection(String id, Framework framework, int catalogueVersion) {}

    @GET
    @Operation(summary = "An inspection's scores",
            description = "Criterion, section, overall and thread scores with counts, 95% intervals and bands, "
                    + "as now or, with asOf, as they stood at that instant.")
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "400", description = BAD_AS_OF)
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<ScoresView> scores(@PathParam("id") String id,
            @Parameter(description = AS_OF, example = "2010-04-20T17:00:00Z") @QueryParam("asOf") String asOf) {
        Instant at = parseAsOf(asOf);
        return inspection(id).flatMap(i -> revision(i, at));
    }

    @GET
    @Path("questions")
    @Operation(summary = "Every question's proportion",
            description = "Cases judged sufficient of those where the question applied, with a 95% Wilson interval, "
                    + "for every case-scored question of the framework, in catalogue order; as now or, with asOf, "
                    + "as at that instant.")
    @APIResponse(responseCode = "200", description = "Every question, in catalogue order")
    @APIResponse(responseCode = "400", description = BAD_AS_OF)
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<List<QuestionView>> questions(@PathParam("id") String id,
            @Parameter(description = AS_OF, example = "2010-04-20T17:00:00Z") @QueryParam("asOf") String asOf) {
        Instant at = parseAsOf(asOf);
        return inspection(id).flatMap(i -> revision(i, at).map(view -> {
            Catalogue catalogue = Catalogues.of(i.framework());
            Map<String, QuestionTally> tallies = view.scores() == null ? Map.of() : view.scores().questions();
            List<QuestionView> out = new ArrayList<>();
            for (Question q : catalogue.questions()) {
                QuestionTally t = tallies.get(q.id());
                if (t != null) {
                    out.add(new QuestionView(q.id(), q.criterionId(), q.text(), t.sufficient(), t.applicable(),
                            t.percent(), t.display(), t.low(), t.high()));
                } else {
                    out.add(new QuestionView(q.id(), q.criterionId(), q.text(), 0, 0, null, null, null, null));
                }
            }
            return out;
        }));
    }

    @GET
    @Path("breakdown")
    @Operation(summary = "Scores by a case characteristic",
            description = "The scores computed over the cases sharing each value of a characteristic (RoSH level, "
                    + "case type, gender, ethnicity, PPO, MAPPA level, tier, approved premises, victim contact, child "
                    + "safeguarding, PSR), from the current judgements; withdrawn cases are left out. Groups are "
                    + "named by the value as the sample gives it ('high', 'true', '3'); cases without a value (a tier "
                    + "not recorded) form the group 'none'.")
    @APIResponse(responseCode = "200", description = "One group per value")
    @APIResponse(responseCode = "400", description = "by is missing or not a case characteristic (problem+json naming by)")
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<Breakdown> breakdown(@PathParam("id") String id,
            @Parameter(description = "The case characteristic to group by", required = true, example = "roshLevel",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"caseType", "roshLevel", "ppo",
                        "mappaLevel", "gender", "ethnicity", "tier", "approvedPremises", "victimContact",
                        "childSafeguarding", "psr"}))
            @QueryParam("by") String by) {
        if (by == null || !CaseCharacteristics.NAMES.contains(by)) {
            throw ProblemException.invalid("by", "must be one of " + String.join(", ", CaseCharacteristics.NAMES));
        }
        return inspection(id).flatMap(i -> pool.preparedQuery("""
                                SELECT coalesce(c.characteristics ->> $2, 'none') AS value, j.question_id,
                                       count(*) FILTER (WHERE j.answer = 'SUFFICIENT') AS sufficient,
                                       count(*) FILTER (WHERE j.answer <> 'NOT_APPLICABLE') AS applicable
                                FROM judgement j JOIN sampled_case c USING (inspection_id, case_id)
                                WHERE j.inspection_id = $1 AND NOT c.withdrawn
                                GROUP BY 1, 2""")
                        .execute(Tuple.of(id, by))
                        .flatMap(counts -> pool.preparedQuery("""
                                        SELECT coalesce(characteristics ->> $2, 'none') AS value, count(*) AS cases
                                        FROM sampled_case WHERE inspection_id = $1 AND NOT withdrawn GROUP BY 1""")
                                .execute(Tuple.of(id, by))
                                .map(cases -> {
                                    Map<String, Map<String, Count>> byValue = new TreeMap<>();
                                    for (Row r : counts) {
                                        byValue.computeIfAbsent(r.getString("value"), v -> new HashMap<>()).put(
                                                r.getString("question_id"),
                                                new Count(r.getInteger("sufficient"), r.getInteger("applicable")));
                                    }
                                    Map<String, Integer> caseCounts = new TreeMap<>();
                                    cases.forEach(r -> caseCounts.put(r.getString("value"), r.getInteger("cases")));
                                    Catalogue catalogue = Catalogues.of(i.framework());
                                    List<Group> groups = new ArrayList<>();
                                    caseCounts.forEach((value, n) -> {
                                        Scores s = ScoringEngine.score(catalogue, byValue.getOrDefault(value, Map.of()));
                                        groups.add(new Group(value, n, ScoresPayload.figures(s.criteria()), ScoresPayload.figures(s.sections()),
                                                s.overall().map(ScoresPayload::figure).orElse(null), ScoresPayload.figures(s.threads())));
                                    });
                                    return new Breakdown(id, by, groups);
                                })));
    }

    /** The inspection, after checking the caller may see it; 404 if unknown here. */
    private Uni<Inspection> inspection(String id) {
        return pool.preparedQuery("SELECT area, framework, catalogue_version FROM inspection WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("no inspection " + id);
                    }
                    Row r = rows.iterator().next();
                    caller.requireArea(id, r.getString("area"));
                    return new Inspection(id, Framework.fromId(r.getString("framework")), r.getInteger("catalogue_version"));
                });
    }

    /**
     * The latest revision; or, with {@code at}, the figures after exactly the events timed at or before it (a
     * revision covers a whole batch of events, so they may lie between two revisions), numbered by the latest
     * revision recorded by then.
     */
    private Uni<ScoresView> revision(Inspection i, Instant at) {
        if (at == null) {
            return pool.preparedQuery("SELECT revision, scores::text AS scores FROM score_revision WHERE inspection_id = $1 "
                            + "ORDER BY revision DESC LIMIT 1")
                    .execute(Tuple.of(i.id()))
                    .map(rows -> rows.size() == 0 ? new ScoresView(0, null) : view(rows.iterator().next()));
        }
        return pool.preparedQuery("SELECT coalesce(max(revision), 0) AS revision FROM score_revision "
                        + "WHERE inspection_id = $1 AND computed_at <= $2")
                .execute(Tuple.of(i.id(), at.atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> ScoresAsOf.of(pool, i.id(), i.framework(), i.catalogueVersion(), at)
                        .map(s -> new ScoresView(rows.iterator().next().getLong("revision"), s.map(ScoresBody::of).orElse(null))));
    }

    private static ScoresView view(Row r) {
        try {
            return new ScoresView(r.getLong("revision"),
                    ScoresBody.of(EventJson.mapper().readValue(r.getString("scores"), ScoresChanged.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant parseAsOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("asOf", "must be an ISO-8601 instant such as 2010-04-20T17:00:00Z");
        }
        // Instants parse up to the year 1000000000, beyond what a timestamp holds; none so far off means anything.
        if (at.isBefore(EARLIEST_AS_OF) || at.isAfter(LATEST_AS_OF)) {
            throw ProblemException.invalid("asOf", "must be an instant from " + EARLIEST_AS_OF + " to " + LATEST_AS_OF);
        }
        return at;
    }
}
