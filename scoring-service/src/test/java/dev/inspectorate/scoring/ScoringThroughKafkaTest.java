package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.messaging.ProjectionRebuild;
import dev.inspectorate.scoring.projection.ScoringProjection;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Judgements published to inspection-events, through the scoring projection, to the figures of the reports. */
@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringThroughKafkaTest {
    static final String READER = Tokens.reader("reader");
    static final String GLOUCESTERSHIRE = "esi-gloucestershire-2005";
    static final String EDGES = "omi2-edge-cases";

    @Inject
    ProjectionRebuild rebuild;

    @Inject
    ScoringProjection projection;

    @Inject
    Pool pool;

    static CaseCharacteristics aCase(int i) {
        return new CaseCharacteristics(i % 3 == 0 ? CaseType.LICENCE : CaseType.COMMUNITY_ORDER,
                i % 10 == 0 ? RoshLevel.HIGH : RoshLevel.MEDIUM, i % 7 == 0, i % 10 == 0 ? 2 : 0,
                i % 9 == 0 ? Gender.FEMALE : Gender.MALE, i % 5 == 0 ? Ethnicity.ASIAN : Ethnicity.WHITE, 2,
                false, i % 4 == 0, false, i % 3 != 0);
    }

    @Test
    @Order(1)
    void gloucestershireFromOneHundredCasesMatchesThePublishedTableExactly() {
        Catalogue esi = Catalogues.of(Framework.ESI);
        Map<String, Integer> published = new LinkedHashMap<>();
        published.putAll(Map.of("B1", 46, "B2", 79, "B3", 53, "B4", 69));
        published.putAll(Map.of("C1", 82, "C2", 66, "C3", 82, "C4", 56, "C5", 66));
        published.putAll(Map.of("D1", 69, "D2", 63, "D4", 75));
        String id = GLOUCESTERSHIRE;
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.publish(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id,
                    "Gloucestershire", Framework.ESI, 1, "ESI Gloucestershire", LocalDate.of(2004, 10, 4),
                    LocalDate.of(2004, 10, 15)));
            for (int i = 1; i <= 100; i++) {
                events.publish(Topics.INSPECTION_EVENTS, stream(id, i), id, new CaseSampled(id, caseId(i), aCase(i)));
            }
            // Every question of a criterion at p%: the first p cases sufficient, the other 100 - p not.
            for (int i = 1; i <= 100; i++) {
                for (var criterion : published.entrySet()) {
                    for (Question q : esi.criterion(criterion.getKey()).orElseThrow().questions()) {
                        Answer a = i <= criterion.getValue() ? Answer.SUFFICIENT : Answer.INSUFFICIENT;
                        events.publish(Topics.INSPECTION_EVENTS, stream(id, i), id,
                                new JudgementRecorded(id, caseId(i), q.id(), a, null, "assessor"));
                    }
                }
            }
            events.flush();
        }
        int judgements = esi.questions().size() * 100;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(judgements, applicable(id)));
        var response = given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200);
        published.forEach((criterion, p) -> response.body("scores.criteria." + criterion + ".display", equalTo(p)));
        response.body("scores.sections.B.display", equalTo(61))
                .body("scores.sections.C.display", equalTo(72))
                .body("scores.sections.D.display", equalTo(70))
                .body("scores.overall.display", equalTo(68))
                .body("scores.sections.B.value", closeTo(425.0 / 7, 1e-9))
                .body("scores.overall.value", closeTo(0.3 * 425.0 / 7 + 0.4 * 72 + 0.3 * 70.2, 1e-9))
                .body("scores.sample.cases", equalTo(100));
    }

    @Test
    @Order(2)
    void revisionsModerationWithdrawalDuplicatesAndQuestionsWithoutApplicableCases() {
        String id = EDGES;
        String q1 = "1.2.01";
        String q2 = "1.2.02";
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "edges", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            for (int i = 1; i <= 4; i++) {
                events.send(Topics.INSPECTION_EVENTS, stream(id, i), id, new CaseSampled(id, caseId(i), aCase(i)));
            }
            judge(events, id, 1, q1, Answer.SUFFICIENT);
            judge(events, id, 2, q1, Answer.SUFFICIENT);
            judge(events, id, 3, q1, Answer.INSUFFICIENT);
            judge(events, id, 4, q1, Answer.SUFFICIENT);
            // q2 applies to no case: all not applicable, so it has no proportion and is in no average.
            for (int i = 1; i <= 4; i++) {
                judge(events, id, i, q2, Answer.NOT_APPLICABLE);
            }
            // Case 2 revised sufficient -> insufficient -> sufficient; the middle event is then redelivered.
            judge(events, id, 2, q1, Answer.INSUFFICIENT);
            var middle = events.send(Topics.INSPECTION_EVENTS, stream(id, 2), id,
                    new JudgementRecorded(id, caseId(2), q1, Answer.INSUFFICIENT, "second look", "assessor"));
            judge(events, id, 2, q1, Answer.SUFFICIENT);
            events.send(Topics.INSPECTION_EVENTS, middle.subject(), id, middle.sequence(),
                    EventJson.decode(middle, JudgementRecorded.class));
            // Case 3 moderated up to sufficient; then case 4, judged sufficient, is withdrawn and case 1 submitted.
            events.send(Topics.INSPECTION_EVENTS, stream(id, 3), id, new JudgementModerated(id, caseId(3), q1,
                    Answer.SUFFICIENT, Answer.INSUFFICIENT, "evidence on file", "helen"));
            events.send(Topics.INSPECTION_EVENTS, stream(id, 4), id, new CaseWithdrawn(id, caseId(4), "transferred", "helen"));
            events.send(Topics.INSPECTION_EVENTS, stream(id, 1), id, new CaseAssessmentSubmitted(id, caseId(1), "assessor"));
        }
        // q1: cases 1, 2 (revised back), 3 (moderated) sufficient; case 4 withdrawn: 3 of 3.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                .get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.sample.withdrawn", equalTo(1))
                .body("scores.sample.submitted", equalTo(1)));
        given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.sufficient", equalTo(3))
                .body("scores.questions.'1.2.01'.applicable", equalTo(3))
                .body("scores.questions.'1.2.02'", nullValue())
                .body("scores.criteria.'1.2'.value", closeTo(100.0, 1e-9))
                .body("scores.sample.cases", equalTo(3));
        given().auth().oauth2(READER).get("/inspections/{id}/scores/questions", id).then().statusCode(200)
                .body("find { it.questionId == '1.2.01' }.percent", closeTo(100.0, 1e-9))
                .body("find { it.questionId == '1.2.02' }.applicable", equalTo(0))
                .body("find { it.questionId == '1.2.02' }.percent", nullValue());
        given().auth().oauth2(READER).queryParam("by", "roshLevel").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(200).body("groups.value", hasItem("medium"))
                .body("groups.find { it.value == 'medium' }.cases", equalTo(3));
        given().auth().oauth2(READER).queryParam("by", "shoeSize").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(400).body("violations[0].field", equalTo("by"));
        given().auth().oauth2(READER).queryParam("asOf", "yesterday").get("/inspections/{id}/scores", id)
                .then().statusCode(400).body("violations[0].field", equalTo("asOf"));
        given().auth().oauth2(READER).queryParam("asOf", "2000-01-01T00:00:00Z").get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("revision", equalTo(0));
    }

    @Test
    @Order(3)
    void aReplayFromTheBeginningGivesIdenticalScores() throws IOException {
        ProjectionRebuild.Result result = rebuild.rebuild(projection, Topics.INSPECTION_EVENTS, "scoring_replay",
                List.of("inspection", "sampled_case", "judgement", "question_count", "score_revision"));
        assertTrue(result.events() > 8700, "replayed " + result.events());
        for (String id : List.of(GLOUCESTERSHIRE, EDGES)) {
            ScoresChanged live = latest(id, null);
            ScoresChanged replayed = latest(id, "scoring_replay");
            assertEquals(live, replayed, id);
        }
    }

    @Test
    @Order(4)
    void anOperatorReplaysOverHttpAndADriftedCountIsFound() {
        given().auth().oauth2(READER).post("/projections/scoring/replays").then().statusCode(403);
        String operator = Tokens.operator("omar");
        given().auth().oauth2(operator).post("/projections/scoring/replays").then().statusCode(200)
                .body("matchesLive", equalTo(true))
                .body("differences.question_count", equalTo(0))
                .body("differences.judgement", equalTo(0))
                .body("differences.scores", equalTo(0));

        // A count that drifted from the events (as double counting would make it) is one row on each side.
        String drift = "UPDATE question_count SET sufficient = sufficient + $3 WHERE inspection_id = $1 AND question_id = $2";
        pool.preparedQuery(drift).execute(Tuple.of(GLOUCESTERSHIRE, "B1.01", 1)).await().indefinitely();
        try {
            given().auth().oauth2(operator).post("/projections/scoring/replays").then().statusCode(200)
                    .body("matchesLive", equalTo(false))
                    .body("differences.question_count", equalTo(2))
                    .body("differences.judgement", equalTo(0));
        } finally {
            pool.preparedQuery(drift).execute(Tuple.of(GLOUCESTERSHIRE, "B1.01", -1)).await().indefinitely();
        }
    }

    private ScoresChanged latest(String id, String schema) throws IOException {
        String sql = "SELECT scores::text AS s FROM " + (schema == null ? "" : schema + ".")
                + "score_revision WHERE inspection_id = $1 ORDER BY revision DESC LIMIT 1";
        String json = pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getString("s");
        return EventJson.mapper().readValue(json, ScoresChanged.class);
    }

    private int applicable(String id) {
        return pool.preparedQuery("SELECT coalesce(sum(applicable), 0)::int AS n FROM question_count WHERE inspection_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getInteger("n");
    }

    private static void judge(TestEvents events, String id, int i, String question, Answer answer) {
        events.send(Topics.INSPECTION_EVENTS, stream(id, i), id, new JudgementRecorded(id, caseId(i), question, answer, null, "assessor"));
    }

    private static String caseId(int i) {
        return String.format("C%03d", i);
    }

    private static String stream(String id, int i) {
        return "case-" + id + "/" + caseId(i);
    }
}
