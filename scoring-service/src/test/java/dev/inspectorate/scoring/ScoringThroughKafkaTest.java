package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.testing.TestInfrastructure;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.messaging.ProjectionRebuild;
import dev.inspectorate.scoring.projection.ScoresAsOf;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
    static final String AS_OF = "omi2-as-of";

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
                events.publish(Topics.INSPECTION_EVENTS, stream(id, i), id, new CaseSampled(id, caseId(i), gloucestershireCase(i)));
            }
            for (var criterion : published.entrySet()) {
                answersAt(esi.criterion(criterion.getKey()).orElseThrow(), criterion.getValue()).forEach((question, answers) ->
                        answers.forEach((i, a) -> events.publish(Topics.INSPECTION_EVENTS, stream(id, i), id,
                                new JudgementRecorded(id, caseId(i), question, a, null, "assessor"))));
            }
            events.flush();
        }
        // Each question is answered in the cases it can apply to, and no other: 59 questions to all 100 cases; high
        // RoSH (20 cases) 7; PSR (50) 2; community order (50) 9; licence (25) 4; minority ethnic (20) 1;
        // female (10) 1; MAPPA 2-3 (10) 3; child safeguarding (25) 1.
        int judgements = 59 * 100 + 7 * 20 + 2 * 50 + 9 * 50 + 4 * 25 + 20 + 10 + 3 * 10 + 25;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(judgements, applicable(id)));
        var response = given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200);
        published.forEach((criterion, p) -> response.body("scores.criteria." + criterion + ".display", equalTo(p)));
        response.body("scores.sections.B.display", equalTo(61))
                .body("scores.sections.C.display", equalTo(72))
                .body("scores.sections.D.display", equalTo(70))
                .body("scores.overall.display", equalTo(68))
                .body("scores.sections.B.value", closeTo(425.0 / 7, 1e-9))
                .body("scores.overall.value", closeTo(0.3 * 425.0 / 7 + 0.4 * 72 + 0.3 * 70.2, 1e-9))
                .body("scores.sample.cases", equalTo(100))
                // The counts behind each figure: B1 has 11 questions, six answered in all 100 cases, three in the
                // 20 high-RoSH cases, one in the 50 with a PSR, one in the 50 community orders: 760 judgements.
                // B: 11 + 5 + 9 + 5 questions; 760 + 500 + 695 + 400 judgements. Overall: every question.
                .body("scores.criteria.B1.questions", equalTo(11))
                .body("scores.criteria.B1.judgements", equalTo(760))
                .body("scores.sections.B.questions", equalTo(30))
                .body("scores.sections.B.judgements", equalTo(2355))
                .body("scores.overall.questions", equalTo(87))
                .body("scores.overall.judgements", equalTo(judgements));
    }

    /**
     * 100 cases whose characteristics put each restricted ESI question in a number of cases that divides 100, so
     * its proportion can be a whole percentage: high RoSH every fifth case (20); community orders, with a PSR,
     * the odd cases (50); licences i = 2 mod 4 (25), custody the rest (25); minority ethnic
     * i = 1 mod 5 (20); female i = 3 mod 10 (10); MAPPA level 2 i = 7 mod 10 (10); child safeguarding i = 0 mod 4 (25).
     */
    static CaseCharacteristics gloucestershireCase(int i) {
        CaseType type = i % 2 == 1 ? CaseType.COMMUNITY_ORDER : i % 4 == 2 ? CaseType.LICENCE : CaseType.CUSTODY;
        return new CaseCharacteristics(type, i % 5 == 0 ? RoshLevel.HIGH : RoshLevel.MEDIUM, false,
                i % 10 == 7 ? 2 : 0, i % 10 == 3 ? Gender.FEMALE : Gender.MALE,
                i % 5 == 1 ? Ethnicity.BLACK : Ethnicity.WHITE, 2, false, false, i % 4 == 0, i % 2 == 1);
    }

    /**
     * Answers giving a criterion a mean question proportion of exactly p%, only in cases each question can apply
     * to (as case-assessment requires). A restricted question applying to n cases (n divides 100) gets
     * floor(p n / 100) of them sufficient, a whole percentage up to 100/n - 1 points under p; the unrestricted
     * questions make up those points between them, one point at a time, so the mean is p.
     */
    static Map<String, Map<Integer, Answer>> answersAt(Criterion criterion, int p) {
        Map<String, Map<Integer, Answer>> out = new LinkedHashMap<>();
        Map<String, List<Integer>> applicable = new LinkedHashMap<>();
        List<String> unrestricted = new ArrayList<>();
        int shortfall = 0;
        Map<String, Integer> sufficient = new HashMap<>();
        for (Question q : criterion.questions()) {
            List<Integer> cases = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                if (q.canApplyTo(gloucestershireCase(i))) {
                    cases.add(i);
                }
            }
            assertEquals(0, 100 % cases.size(), q.id() + " applies to " + cases.size() + " cases");
            applicable.put(q.id(), cases);
            if (cases.size() == 100) {
                unrestricted.add(q.id());
                sufficient.put(q.id(), p);
            } else {
                int s = p * cases.size() / 100;
                sufficient.put(q.id(), s);
                shortfall += p - 100 * s / cases.size();
            }
        }
        for (int k = 0; shortfall > 0; k = (k + 1) % unrestricted.size(), shortfall--) {
            sufficient.merge(unrestricted.get(k), 1, Integer::sum);
        }
        applicable.forEach((q, cases) -> {
            Map<Integer, Answer> answers = new LinkedHashMap<>();
            for (int n = 0; n < cases.size(); n++) {
                answers.put(cases.get(n), n < sufficient.get(q) ? Answer.SUFFICIENT : Answer.INSUFFICIENT);
            }
            out.put(q, answers);
        });
        return out;
    }

    @Test
    @Order(2)
    void revisionsModerationWithdrawalDuplicatesAndQuestionsWithoutApplicableCases() {
        String id = EDGES;
        String q1 = "1.2.01";
        String q2 = "1.2.02";
        Map<Instant, int[]> steps = new LinkedHashMap<>();
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
            // Each step's figures, live once it is applied (the next step waits for them) and as at its time.
            steps.put(awaitQ1(id, 3, 4), new int[] {3, 4});
            // Case 2 revised sufficient -> insufficient -> sufficient; the middle event is then redelivered.
            judge(events, id, 2, q1, Answer.INSUFFICIENT);
            steps.put(awaitQ1(id, 2, 4), new int[] {2, 4});
            var middle = events.send(Topics.INSPECTION_EVENTS, stream(id, 2), id,
                    new JudgementRecorded(id, caseId(2), q1, Answer.INSUFFICIENT, "second look", "assessor"));
            // The same answer again moves no figure, so no revision shows it; the next step is after it anyway.
            steps.put(middle.time().toInstant(), new int[] {2, 4});
            judge(events, id, 2, q1, Answer.SUFFICIENT);
            steps.put(awaitQ1(id, 3, 4), new int[] {3, 4});
            // Applied again, the redelivered insufficient would make it 2 of 4.
            events.send(Topics.INSPECTION_EVENTS, middle.subject(), id, middle.sequence(),
                    EventJson.decode(middle, JudgementRecorded.class));
            // Case 3 moderated up to sufficient; then case 4, judged sufficient, is withdrawn and case 1 submitted.
            events.send(Topics.INSPECTION_EVENTS, stream(id, 3), id, new JudgementModerated(id, caseId(3), q1,
                    Answer.SUFFICIENT, Answer.INSUFFICIENT, "evidence on file", "helen"));
            steps.put(awaitQ1(id, 4, 4), new int[] {4, 4});
            events.send(Topics.INSPECTION_EVENTS, stream(id, 4), id, new CaseWithdrawn(id, caseId(4), "transferred", "helen"));
            steps.put(awaitQ1(id, 3, 3), new int[] {3, 3});
            events.send(Topics.INSPECTION_EVENTS, stream(id, 1), id, new CaseAssessmentSubmitted(id, caseId(1), "assessor"));
        }
        steps.forEach((at, q) -> given().auth().oauth2(READER).queryParam("asOf", at.toString())
                .get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.sufficient", equalTo(q[0]))
                .body("scores.questions.'1.2.01'.applicable", equalTo(q[1]))
                .body("scores.criteria.'1.2'.value", closeTo(100.0 * q[0] / q[1], 1e-9)));
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
        // Instants that parse but no timestamp holds (or none worth asking about) are refused too, not a 500.
        for (String outOfRange : List.of("+1000000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z",
                "1899-12-31T23:59:59Z", "-4714-11-24T00:00:00Z")) {
            for (String path : List.of("/inspections/{id}/scores", "/inspections/{id}/scores/questions")) {
                given().auth().oauth2(READER).queryParam("asOf", outOfRange).get(path, id)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("violations[0].field", equalTo("asOf"))
                        .body("violations[0].message", equalTo("must be an instant from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
            }
        }
        given().auth().oauth2(READER).queryParam("asOf", "1900-01-01T00:00:00Z").get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("revision", equalTo(0));
        given().auth().oauth2(READER).queryParam("asOf", "9999-12-31T23:59:59Z").get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("scores.questions.'1.2.01'.applicable", equalTo(3));
        given().auth().oauth2(READER).queryParam("by", "").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(400).body("violations[0].field", equalTo("by"));
        given().auth().oauth2(READER).get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(400).body("violations[0].field", equalTo("by"));
        given().auth().oauth2(READER).queryParam("asOf", "2000-01-01T00:00:00Z").get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("revision", equalTo(0));
    }

    @Test
    @Order(3)
    void breakdownsScoreEachGroupOfCasesApart() {
        String id = "omi2-breakdown";
        // Five cases: K1 high RoSH, PPO, tier 1; K2 high, not PPO, tier not recorded; K3 medium, PPO, no tier;
        // K4 medium, not PPO, tier 3; K5 low, not PPO, tier 3.
        Map<String, CaseCharacteristics> cases = new LinkedHashMap<>();
        cases.put("K1", kase(RoshLevel.HIGH, true, 1));
        cases.put("K2", kase(RoshLevel.HIGH, false, null));
        cases.put("K3", kase(RoshLevel.MEDIUM, true, null));
        cases.put("K4", kase(RoshLevel.MEDIUM, false, 3));
        cases.put("K5", kase(RoshLevel.LOW, false, 3));
        // 1.2.01:  K1 S, K2 I, K3 S, K4 S, K5 I
        // 1.2.02:  K1 S, K2 S, K3 I, K4 n/a, K5 n/a
        Map<String, Answer[]> answers = Map.of(
                "K1", new Answer[] {Answer.SUFFICIENT, Answer.SUFFICIENT},
                "K2", new Answer[] {Answer.INSUFFICIENT, Answer.SUFFICIENT},
                "K3", new Answer[] {Answer.SUFFICIENT, Answer.INSUFFICIENT},
                "K4", new Answer[] {Answer.SUFFICIENT, Answer.NOT_APPLICABLE},
                "K5", new Answer[] {Answer.INSUFFICIENT, Answer.NOT_APPLICABLE});
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "breakdown", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            cases.forEach((c, ch) -> events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/" + c, id, new CaseSampled(id, c, ch)));
            cases.keySet().forEach(c -> {
                events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/" + c, id,
                        new JudgementRecorded(id, c, "1.2.01", answers.get(c)[0], null, "assessor"));
                events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/" + c, id,
                        new JudgementRecorded(id, c, "1.2.02", answers.get(c)[1], null, "assessor"));
            });
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                .get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.applicable", equalTo(5))
                .body("scores.questions.'1.2.02'.applicable", equalTo(3)));

        // high (K1, K2): 1.2.01 1/2 = 50, 1.2.02 2/2 = 100, criterion 75; medium (K3, K4): 2/2 = 100 and 0/1 = 0,
        // criterion 50; low (K5): 0/1 = 0 and 1.2.02 applied to no case, so criterion 0.
        given().auth().oauth2(READER).queryParam("by", "roshLevel").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(200)
                .body("by", equalTo("roshLevel"))
                .body("groups.value", equalTo(List.of("high", "low", "medium")))
                .body("groups.cases", equalTo(List.of(2, 1, 2)))
                .body("groups.find { it.value == 'high' }.criteria.'1.2'.value", closeTo(75.0, 1e-9))
                .body("groups.find { it.value == 'medium' }.criteria.'1.2'.value", closeTo(50.0, 1e-9))
                .body("groups.find { it.value == 'low' }.criteria.'1.2'.value", closeTo(0.0, 1e-9))
                .body("groups.find { it.value == 'low' }.criteria.'1.2'.band", equalTo("DRASTIC improvement required"));
        // PPO (K1, K3): 2/2 = 100 and 1/2 = 50, criterion 75; not PPO (K2, K4, K5): 1/3 and 1/1,
        // criterion (100/3 + 100) / 2 = 200/3 = 66.67, shown 67.
        given().auth().oauth2(READER).queryParam("by", "ppo").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(200)
                .body("groups.value", equalTo(List.of("false", "true")))
                .body("groups.cases", equalTo(List.of(3, 2)))
                .body("groups.find { it.value == 'true' }.criteria.'1.2'.value", closeTo(75.0, 1e-9))
                .body("groups.find { it.value == 'false' }.criteria.'1.2'.value", closeTo(200.0 / 3, 1e-9))
                .body("groups.find { it.value == 'false' }.criteria.'1.2'.display", equalTo(67));
        // Tier not recorded (K2, K3) is the group 'none': 1/2 and 1/2, criterion 50; tier 1 (K1): 100;
        // tier 3 (K4, K5): 1.2.01 1/2 = 50, 1.2.02 applied to neither, criterion 50.
        given().auth().oauth2(READER).queryParam("by", "tier").get("/inspections/{id}/scores/breakdown", id)
                .then().statusCode(200)
                .body("groups.value", equalTo(List.of("1", "3", "none")))
                .body("groups.cases", equalTo(List.of(1, 2, 2)))
                .body("groups.find { it.value == '1' }.criteria.'1.2'.value", closeTo(100.0, 1e-9))
                .body("groups.find { it.value == '3' }.criteria.'1.2'.value", closeTo(50.0, 1e-9))
                .body("groups.find { it.value == 'none' }.criteria.'1.2'.value", closeTo(50.0, 1e-9))
                .body("groups.find { it.value == 'none' }.sections.'1'.value", closeTo(50.0, 1e-9));
    }

    static CaseCharacteristics kase(RoshLevel rosh, boolean ppo, Integer tier) {
        return new CaseCharacteristics(CaseType.LICENCE, rosh, ppo, 0, Gender.MALE, Ethnicity.WHITE, tier,
                false, false, false, false);
    }

    @Test
    @Order(4)
    void asOfAnInstantBetweenTwoJudgementsOfOneBatchGivesTheFiguresAfterTheFirst() throws Exception {
        String id = AS_OF;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant first = t0.plusSeconds(10);
        Instant second = t0.plusSeconds(20);
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "as of", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
        }
        send(List.of(event(t0, stream(id, 1), id, 1, new CaseSampled(id, caseId(1), aCase(1))),
                event(t0, stream(id, 2), id, 1, new CaseSampled(id, caseId(2), aCase(2)))));
        long sampled = await().atMost(Duration.ofSeconds(30)).until(() -> revisions(id), n -> n == 1);
        // Both judgements in one producer batch, which the consumer fetches whole: one poll, one batch applied,
        // one revision stamped with the second's time.
        send(List.of(event(first, stream(id, 1), id, 2,
                        new JudgementRecorded(id, caseId(1), "1.2.01", Answer.SUFFICIENT, null, "assessor")),
                event(second, stream(id, 2), id, 2,
                        new JudgementRecorded(id, caseId(2), "1.2.01", Answer.INSUFFICIENT, null, "assessor"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                .get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.applicable", equalTo(2)));
        assertEquals(sampled + 1, revisions(id), "the two judgements were applied in one batch");
        given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("scores.asAt", equalTo(second.toString()));

        // Halfway between the two events' times: 1 of 1 sufficient, criterion 1.2 at 100; no revision holds these
        // figures, and the latest revision by then is the sample's.
        String between = first.plusSeconds(5).toString();
        given().auth().oauth2(READER).queryParam("asOf", between).get("/inspections/{id}/scores", id)
                .then().statusCode(200)
                .body("revision", equalTo(1))
                .body("scores.asAt", equalTo(first.toString()))
                .body("scores.questions.'1.2.01'.sufficient", equalTo(1))
                .body("scores.questions.'1.2.01'.applicable", equalTo(1))
                .body("scores.criteria.'1.2'.value", closeTo(100.0, 1e-9))
                .body("scores.sample.cases", equalTo(2));
        given().auth().oauth2(READER).queryParam("asOf", between).get("/inspections/{id}/scores/questions", id)
                .then().statusCode(200)
                .body("find { it.questionId == '1.2.01' }.applicable", equalTo(1));
        // At the first's very time it counts; a microsecond before, only the sample.
        given().auth().oauth2(READER).queryParam("asOf", first.toString()).get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("scores.questions.'1.2.01'.applicable", equalTo(1));
        given().auth().oauth2(READER).queryParam("asOf", first.minusNanos(1000).toString()).get("/inspections/{id}/scores", id)
                .then().statusCode(200)
                .body("scores.asAt", equalTo(t0.toString()))
                .body("scores.questions.'1.2.01'", nullValue())
                .body("scores.sample.cases", equalTo(2));
        // At the second's time: 1 of 2, criterion 50, exactly the latest revision.
        given().auth().oauth2(READER).queryParam("asOf", second.toString()).get("/inspections/{id}/scores", id)
                .then().statusCode(200)
                .body("revision", equalTo(2))
                .body("scores.questions.'1.2.01'.applicable", equalTo(2))
                .body("scores.criteria.'1.2'.value", closeTo(50.0, 1e-9));
        // Before the first event: no figures.
        given().auth().oauth2(READER).queryParam("asOf", t0.minusSeconds(1).toString()).get("/inspections/{id}/scores", id)
                .then().statusCode(200).body("revision", equalTo(0)).body("scores", nullValue());
    }

    /** Sends records in one producer batch: nothing is sent until flush, and they share a partition (the key). */
    private static void send(List<CloudEvent> batch) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            batch.forEach(e -> producer.send(KafkaCloudEvents.toRecord(Topics.INSPECTION_EVENTS, e)));
            producer.flush();
        }
    }

    private static CloudEvent event(Instant time, String stream, String inspectionId, long sequence, Record payload) {
        EventType type = EventType.of(payload.getClass());
        return new CloudEvent(UUID.randomUUID(), type.ceType(), URI.create("/case-assessment-service"), stream,
                time.atOffset(ZoneOffset.UTC), type.dataschema(), inspectionId, sequence, EventJson.encode(payload));
    }

    private long revisions(String id) {
        return pool.preparedQuery("SELECT count(*) AS n FROM score_revision WHERE inspection_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    @Order(5)
    void aReplayFromTheBeginningGivesIdenticalScores() throws IOException {
        ProjectionRebuild.Result result = rebuild.rebuild(projection, Topics.INSPECTION_EVENTS, "scoring_replay",
                List.of("inspection", "sampled_case", "judgement", "question_count", "case_history", "score_revision"));
        System.out.printf("replayed %d events in %.3f s (%.0f events/s)%n", result.events(),
                result.elapsed().toNanos() / 1e9, result.eventsPerSecond());
        assertEquals(recordsOn(Topics.INSPECTION_EVENTS), result.events(), "every record of the topic, once");
        for (String id : List.of(GLOUCESTERSHIRE, EDGES, AS_OF)) {
            ScoresChanged live = latest(id, null);
            ScoresChanged replayed = latest(id, "scoring_replay");
            assertEquals(live, replayed, id);
        }
        // The figures as at an instant inside a batch, from the live and from the replayed history.
        Instant between = latest(AS_OF, null).asAt().minusSeconds(5);
        var live = ScoresAsOf.of(pool, AS_OF, Framework.OMI2, 1, between).await().indefinitely().orElseThrow();
        var replayed = rebuild.inRebuild("scoring_replay", tx -> ScoresAsOf.of(tx, AS_OF, Framework.OMI2, 1, between))
                .await().indefinitely().orElseThrow();
        assertEquals(new ScoresChanged.Tally(1, 1), live.questions().get("1.2.01"));
        assertEquals(live, replayed);
    }

    /** Records on a topic from its beginning to its end, counted by the broker's offsets. */
    private static long recordsOn(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long begin = consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            return end - begin;
        }
    }

    @Test
    @Order(6)
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

    /** Waits until the live figures show 1.2.01 at {@code sufficient} of {@code applicable}; their time. */
    private static Instant awaitQ1(String id, int sufficient, int applicable) {
        var json = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> given().auth().oauth2(READER)
                        .get("/inspections/{id}/scores", id).then().statusCode(200).extract().jsonPath(),
                j -> j.getInt("scores.questions.'1.2.01'.sufficient") == sufficient
                        && j.getInt("scores.questions.'1.2.01'.applicable") == applicable);
        // The figures, whole and unrounded, not only the counts.
        assertEquals(100.0 * sufficient / applicable, json.getDouble("scores.criteria.'1.2'.value"), 1e-9);
        return Instant.parse(json.getString("scores.asAt"));
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
