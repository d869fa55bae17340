package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.ASSESSOR;
import static dev.inspectorate.caseassessment.Api.INSPECTOR;
import static dev.inspectorate.caseassessment.Api.LEAD;
import static dev.inspectorate.caseassessment.Api.LICENCE;
import static dev.inspectorate.caseassessment.Api.ORDER;
import static dev.inspectorate.caseassessment.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An inspection from opening to closure, through the API, and the events it publishes. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class WorkflowTest {
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void anInspectionFromOpeningToClosure() {
        String id = "omi2-workflow";
        Api.inspection(id);
        as(LEAD).get("/inspections/{id}/team", id).then().statusCode(200)
                .body("user", containsInAnyOrder("helen.boocock", "martin.jolly", "sam.patel"));
        // The sample: one case as JSON, two as CSV.
        Api.sample(id, ORDER.formatted("C001"));
        as(LEAD).contentType("text/csv").body("""
                        caseId,caseType,roshLevel,gender,ethnicity,ppo,mappaLevel,tier,psr
                        C002,licence,high,female,black,yes,1,3,no
                        C003,custody,low,male,asian,no,0,,no
                        """)
                .post("/inspections/{id}/cases", id).then().statusCode(201).body("caseId", containsInAnyOrder("C002", "C003"));
        Api.assign(id, "C001", "martin.jolly");
        Api.assign(id, "C002", "sam.patel");

        // C001 is judged one question at a time, then in a batch for the rest of its applicable questions.
        List<String> applicable = Catalogues.of(Framework.OMI2).questions().stream()
                .filter(q -> q.canApplyTo(new dev.inspectorate.frameworks.CaseCharacteristics(
                        dev.inspectorate.frameworks.CaseCharacteristics.CaseType.COMMUNITY_ORDER,
                        dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel.MEDIUM, false, 0,
                        dev.inspectorate.frameworks.CaseCharacteristics.Gender.MALE,
                        dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity.WHITE, 2, false, false, false, true)))
                .map(q -> q.id()).toList();
        Api.judge(INSPECTOR, id, "C001", "1.2.01", "SUFFICIENT").statusCode(200)
                .body("summary.answered", equalTo(1)).body("summary.applicable", equalTo(applicable.size()));
        // Submitting too early lists what is missing.
        as(INSPECTOR).post("/inspections/{id}/cases/C001/submission", id).then().statusCode(422)
                .body("missing", hasSize(applicable.size() - 1)).body("missing", not(hasItem("1.2.01")));
        String batch = applicable.stream().filter(q -> !q.equals("1.2.01"))
                .map(q -> "{\"caseId\": \"C001\", \"questionId\": \"" + q + "\", \"answer\": \"INSUFFICIENT\"}")
                .collect(Collectors.joining(",", "{\"judgements\": [", "]}"));
        as(INSPECTOR).body(batch).post("/inspections/{id}/judgements", id).then().statusCode(201)
                .body("recorded", equalTo(applicable.size() - 1));
        as(INSPECTOR).post("/inspections/{id}/cases/C001/submission", id).then().statusCode(200)
                .body("summary.status", equalTo("SUBMITTED")).body("unanswered", hasSize(0));

        // The lead moderates a submitted case; the assessor's revision is refused until it is reopened.
        as(LEAD).body("{\"answer\": \"SUFFICIENT\", \"reason\": \"PSR on file after all\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.1.01/moderation", id).then().statusCode(200);
        Api.judge(INSPECTOR, id, "C001", "1.1.01", "INSUFFICIENT").statusCode(409);
        as(INSPECTOR).body("{\"reason\": \"one more look\"}").delete("/inspections/{id}/cases/C001/submission", id)
                .then().statusCode(200).body("summary.status", equalTo("IN_PROGRESS"));
        as(INSPECTOR).post("/inspections/{id}/cases/C001/submission", id).then().statusCode(200);

        // C002 is judged by the area assessor, then withdrawn; C003 withdrawn unjudged.
        Api.judge(ASSESSOR, id, "C002", "1.2.01", "INSUFFICIENT").statusCode(200);
        as(LEAD).body("{\"reason\": \"transferred out\"}").delete("/inspections/{id}/cases/C002", id).then()
                .statusCode(200).body("summary.status", equalTo("WITHDRAWN"));
        as(LEAD).body("{\"reason\": \"file not available\"}").delete("/inspections/{id}/cases/C003", id).then().statusCode(200);

        // Section-4 grades and a conclusion.
        as(LEAD).body("{\"grade\": \"Very effective\"}").put("/inspections/{id}/grades/4.1", id).then().statusCode(200)
                .body("grades[0].grade", equalTo("Very effective"));
        as(LEAD).body("{\"conclusion\": \"MODERATE improvement required\"}").put("/inspections/{id}/conclusions/1.2", id)
                .then().statusCode(200).body("conclusions[0].criterionId", equalTo("1.2"));
        // A headline score's improvement comment too (OMI2's risk of harm thread).
        as(LEAD).body("{\"conclusion\": \"MODERATE improvement required\"}").put("/inspections/{id}/conclusions/risk-of-harm", id)
                .then().statusCode(200).body("conclusions.criterionId", hasItem("risk-of-harm"));

        // Reads: the sample with progress, per assessor, and a case's history with who, when and why.
        as(INSPECTOR).get("/inspections/{id}/cases", id).then().statusCode(200).body("size()", equalTo(3))
                .body("find { it.caseId == 'C001' }.answered", equalTo(applicable.size()));
        as(LEAD).get("/inspections/{id}/progress", id).then().statusCode(200)
                .body("find { it.assignee == 'martin.jolly' }.submitted", equalTo(1))
                .body("find { it.assignee == 'martin.jolly' }.judgements", equalTo(applicable.size()));
        as(LEAD).get("/inspections/{id}/cases/C001/history", id).then().statusCode(200)
                .body("type", hasItem("judgement.moderated"))
                .body("find { it.type == 'judgement.moderated' }.actor", equalTo("helen.boocock"))
                .body("find { it.type == 'judgement.moderated' }.data.reason", equalTo("PSR on file after all"))
                .body("sequence[0]", equalTo(1));

        as(LEAD).post("/inspections/{id}/closure", id).then().statusCode(200).body("status", equalTo("CLOSED"));
        Api.judge(LEAD, id, "C001", "1.2.01", "INSUFFICIENT").statusCode(409);

        // The inspection's own history: who opened it, built the team, graded, concluded and closed it, and when.
        as(ASSESSOR).get("/inspections/{id}/history", id).then().statusCode(200)
                .body("type", equalTo(List.of("inspection.opened", "team.member.set", "team.member.set", "team.member.set",
                        "grade.recorded", "conclusion.recorded", "conclusion.recorded", "inspection.closed")))
                .body("sequence", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8)))
                .body("actor", equalTo(java.util.Collections.nCopies(8, "helen.boocock")))
                .body("find { it.type == 'grade.recorded' }.data.criterionId", equalTo("4.1"))
                .body("find { it.type == 'grade.recorded' }.data.grade", equalTo("Very effective"))
                .body("findAll { it.type == 'conclusion.recorded' }.data.criterionId", equalTo(List.of("1.2", "risk-of-harm")))
                .body("findAll { it.type == 'team.member.set' }.data.user",
                        equalTo(List.of("helen.boocock", "martin.jolly", "sam.patel")))
                .body("every { it.recordedAt != null }", equalTo(true));

        // Every change reached inspection-events, in order, once.
        int stored = pool.preparedQuery("SELECT count(*)::int AS n FROM events WHERE inspection_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getInteger("n");
        List<CloudEvent> events = TopicReader.events(Topics.INSPECTION_EVENTS, id, stored, Duration.ofSeconds(30));
        assertEquals(stored, events.size());
        List<String> types = new ArrayList<>(events.stream().map(CloudEvent::type).distinct().toList());
        assertEquals(List.of("inspection.opened", "team.member.set", "case.sampled", "case.assigned", "judgement.recorded",
                "case.assessment.submitted", "judgement.moderated", "case.assessment.reopened", "case.withdrawn",
                "grade.recorded", "conclusion.recorded", "inspection.closed"), types);
        JudgementModerated moderated = events.stream().filter(e -> e.type().equals("judgement.moderated"))
                .map(e -> EventJson.decode(e, JudgementModerated.class)).findFirst().orElseThrow();
        assertEquals(Answer.INSUFFICIENT, moderated.previousAnswer());
        assertEquals(events.size(), events.stream().map(CloudEvent::id).distinct().count(), "no event twice");
    }

    @Test
    void aRetriedJudgementThatChangesNothingAppendsNothing() {
        String id = "omi2-unchanged-judgement";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        String body = "{\"answer\": \"SUFFICIENT\", \"note\": \"screening on file\"}";
        String etag = as(INSPECTOR).body(body).put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then()
                .statusCode(200).extract().header("ETag");
        // sampled (1), assigned (2), recorded (3)
        assertEquals("\"3\"", etag);
        long events = eventCount(id);
        for (int retry = 0; retry < 2; retry++) {
            as(INSPECTOR).body(body).put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then().statusCode(200)
                    .header("ETag", "\"3\"").body("summary.version", equalTo(3))
                    .body("judgements[0].note", equalTo("screening on file"));
        }
        assertEquals(events, eventCount(id));
        as(INSPECTOR).get("/inspections/{id}/cases/C001/history", id).then()
                .body("type", equalTo(List.of("case.sampled", "case.assigned", "judgement.recorded")));
        // Another note is a change.
        as(INSPECTOR).body("{\"answer\": \"SUFFICIENT\", \"note\": \"screening on file, late\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then().statusCode(200).header("ETag", "\"4\"");
        assertEquals(events + 1, eventCount(id));
        // With If-Match the write is ordered after that version, so it is appended even if it repeats the answer.
        as(INSPECTOR).header("If-Match", "\"4\"").body("{\"answer\": \"SUFFICIENT\", \"note\": \"screening on file, late\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then().statusCode(200).header("ETag", "\"5\"");
        assertEquals(events + 2, eventCount(id));
        // A batch repeating what the case holds appends only what changes: here 1.2.02, not 1.2.01 again.
        String batch = """
                {"judgements": [
                  {"caseId": "C001", "questionId": "1.2.01", "answer": "SUFFICIENT", "note": "screening on file, late"},
                  {"caseId": "C001", "questionId": "1.2.02", "answer": "INSUFFICIENT"}]}""";
        as(INSPECTOR).body(batch).post("/inspections/{id}/judgements", id).then().statusCode(201)
                .body("recorded", equalTo(2)).body("changed", equalTo(1));
        assertEquals(events + 3, eventCount(id));
        as(INSPECTOR).body(batch).post("/inspections/{id}/judgements", id).then().statusCode(201)
                .body("recorded", equalTo(2)).body("changed", equalTo(0));
        assertEquals(events + 3, eventCount(id));
    }

    private long eventCount(String id) {
        return pool.preparedQuery("SELECT count(*) AS n FROM events WHERE inspection_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void anIdempotencyKeyReplaysABatchAndIsRecordedInTheEventsMetadata() {
        String id = "omi2-idempotent-batch";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        String batch = "{\"judgements\": [{\"caseId\": \"C001\", \"questionId\": \"1.2.01\", \"answer\": \"SUFFICIENT\"}]}";
        for (int k = 0; k < 2; k++) {
            as(INSPECTOR).header("Idempotency-Key", "batch-1").body(batch).post("/inspections/{id}/judgements", id)
                    .then().statusCode(201).body(equalTo("{\"recorded\":1,\"changed\":1}"));
        }
        as(INSPECTOR).get("/inspections/{id}/cases/C001/history", id).then().statusCode(200)
                .body("type", equalTo(List.of("case.sampled", "case.assigned", "judgement.recorded")));
        String key = pool.preparedQuery("SELECT metadata->>'idempotencyKey' AS k FROM events WHERE stream_id = $1 AND type = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(Streams.ofCase(id, "C001"), "judgement.recorded"))
                .await().indefinitely().iterator().next().getString("k");
        assertEquals("batch-1", key);
    }

    @Test
    void twoRequestsWithTheSameKeyAtOnceBothGetTheFirstAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = "omi2-idempotent-race-" + round;
                String body = """
                        {"id": "%s", "area": "Kent", "framework": "omi2", "title": "x",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(id);
                CyclicBarrier start = new CyclicBarrier(2);
                List<CompletableFuture<io.restassured.response.Response>> both = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    both.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return as(LEAD).header("Idempotency-Key", "open-" + id).body(body).post("/inspections");
                    }, threads));
                }
                var first = both.get(0).get();
                var second = both.get(1).get();
                assertEquals(List.of(201, 201), List.of(first.statusCode(), second.statusCode()), "round " + round);
                assertEquals(first.asString(), second.asString(), "round " + round);
                int stored = pool.preparedQuery("SELECT count(*)::int AS n FROM events WHERE inspection_id = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getInteger("n");
                assertEquals(2, stored, "opened once, with its lead, in round " + round);
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void anIdempotencyKeyMakesARetrySafe() {
        String id = "omi2-idempotent";
        Api.inspection(id);
        String body = "[" + ORDER.formatted("K001") + "]";
        var first = as(LEAD).header("Idempotency-Key", "import-1").body(body).post("/inspections/{id}/cases", id)
                .then().statusCode(201).extract().asString();
        var again = as(LEAD).header("Idempotency-Key", "import-1").body(body).post("/inspections/{id}/cases", id)
                .then().statusCode(201).extract().asString();
        assertEquals(first, again);
        as(LEAD).header("Idempotency-Key", "import-1").body("[" + ORDER.formatted("K002") + "]")
                .post("/inspections/{id}/cases", id).then().statusCode(422)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        // Without a key the same import is a conflict: K001 is in the sample once.
        as(LEAD).body(body).post("/inspections/{id}/cases", id).then().statusCode(409);
        as(LEAD).get("/inspections/{id}/cases", id).then().body("caseId", equalTo(List.of("K001")));
    }
}
