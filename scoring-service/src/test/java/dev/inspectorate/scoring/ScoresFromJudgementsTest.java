package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
class ScoresFromJudgementsTest {
    @Inject
    Pool pool;

    static final String READER = Tokens.reader("reader");
    public static final CaseCharacteristics CASE = new CaseCharacteristics(CaseType.LICENCE, RoshLevel.MEDIUM, false, 0,
            Gender.MALE, Ethnicity.WHITE, 2, false, false, false, false);

    @Test
    void criterionSectionAndHeadlineScoresFollowJudgementsAndRevisions() {
        String id = "omi2-scoring-small";
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "small", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            for (String c : List.of("C1", "C2", "C3", "C4")) {
                events.send(Topics.INSPECTION_EVENTS, stream(id, c), id, new CaseSampled(id, c, CASE));
            }
            // 1.2.01: 3 of 4 sufficient (75%); 1.2.02: 1 of 2 (50%), two cases not applicable.
            judge(events, id, "C1", "1.2.01", Answer.SUFFICIENT);
            judge(events, id, "C2", "1.2.01", Answer.SUFFICIENT);
            judge(events, id, "C3", "1.2.01", Answer.SUFFICIENT);
            judge(events, id, "C4", "1.2.01", Answer.INSUFFICIENT);
            judge(events, id, "C1", "1.2.02", Answer.SUFFICIENT);
            CloudEvent c2 = judge(events, id, "C2", "1.2.02", Answer.INSUFFICIENT);
            judge(events, id, "C3", "1.2.02", Answer.NOT_APPLICABLE);
            judge(events, id, "C4", "1.2.02", Answer.NOT_APPLICABLE);

            // (75 + 50) / 2 = 62.5: shown 63, below 65 so SUBSTANTIAL; the only RoH questions, so RoH is 62.5 too.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                    .get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("scores.questions.'1.2.02'.applicable", equalTo(2)));
            given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("scores.criteria.'1.2'.value", closeTo(62.5, 1e-9))
                    .body("scores.criteria.'1.2'.display", equalTo(63))
                    .body("scores.criteria.'1.2'.band", equalTo("SUBSTANTIAL improvement required"))
                    .body("scores.sections.'1'.display", equalTo(63))
                    .body("scores.threads.risk-of-harm.value", closeTo(62.5, 1e-9))
                    .body("scores.threads.likelihood-of-reoffending", nullValue())
                    .body("scores.questions.'1.2.01'.sufficient", equalTo(3))
                    .body("scores.questions.'1.2.01'.applicable", equalTo(4))
                    // 3 of 4: 75%, Wilson 95% interval 30.06% to 95.44% (Newcombe 1998's worked example).
                    .body("scores.questions.'1.2.01'.percent", closeTo(75.0, 1e-9))
                    .body("scores.questions.'1.2.01'.display", equalTo(75))
                    .body("scores.questions.'1.2.01'.low", closeTo(30.0642, 1e-4))
                    .body("scores.questions.'1.2.01'.high", closeTo(95.4413, 1e-4))
                    .body("scores.questions.'1.2.02'.percent", closeTo(50.0, 1e-9));

            // 62.5 was revision R; the relay has put R events of this inspection on score-events.
            long r = revision(id);
            assertEquals(r, scoreEvents(id, r).size());

            // C2 revised: 1.2.02 goes to 2 of 2, criterion (75 + 100) / 2 = 87.5, one revision and one event more.
            judge(events, id, "C2", "1.2.02", Answer.SUFFICIENT);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                    .get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("revision", equalTo((int) r + 1))
                    .body("scores.questions.'1.2.02'.sufficient", equalTo(2))
                    .body("scores.criteria.'1.2'.value", closeTo(87.5, 1e-9)));
            assertEquals(r + 1, scoreEvents(id, r + 1).size());

            // Now the earlier INSUFFICIENT of C2 is delivered again: applied a second time it would put 1.2.02
            // back to 1 of 2. Then C1 records again the answer it already has. Neither changes a figure.
            events.send(Topics.INSPECTION_EVENTS, c2.subject(), id, c2.sequence(),
                    EventJson.decode(c2, JudgementRecorded.class));
            CloudEvent same = judge(events, id, "C1", "1.2.01", Answer.SUFFICIENT);
            // Both are behind us once C1's stream position reaches the re-recorded event (one partition, in order).
            await().atMost(Duration.ofSeconds(30)).until(() -> appliedSequence(same.subject()) >= same.sequence());
            given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("revision", equalTo((int) r + 1))
                    .body("scores.questions.'1.2.01'.sufficient", equalTo(3))
                    .body("scores.questions.'1.2.02'.sufficient", equalTo(2))
                    .body("scores.questions.'1.2.02'.applicable", equalTo(2))
                    .body("scores.criteria.'1.2'.value", closeTo(87.5, 1e-9));

            // A real change: C4 revised to sufficient, 1.2.01 4 of 4, criterion (100 + 100) / 2 = 100.
            judge(events, id, "C4", "1.2.01", Answer.SUFFICIENT);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                    .get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("scores.criteria.'1.2'.value", closeTo(100.0, 1e-9)));
        }

        // Exactly one event since the 87.5 one, and it is the real change's: nothing was published for the
        // duplicate or the re-recorded answer (the relay publishes in order, so theirs would come first).
        List<CloudEvent> published = scoreEvents(id, revision(id));
        assertEquals(revision(id), published.size());
        CloudEvent revised = published.get(published.size() - 2);
        CloudEvent last = published.get(published.size() - 1);
        assertEquals("scores.changed", last.type());
        assertEquals("scores-" + id, last.subject());
        assertEquals(published.size(), last.sequence());
        assertEquals(88, EventJson.decode(revised, ScoresChanged.class).criteria().get("1.2").display());
        ScoresChanged scores = EventJson.decode(last, ScoresChanged.class);
        assertEquals(100, scores.criteria().get("1.2").display());
        assertEquals(new ScoresChanged.Tally(4, 4), scores.questions().get("1.2.01"));
        assertEquals(new ScoresChanged.Tally(2, 2), scores.questions().get("1.2.02"));
    }

    /** The inspection's latest revision, as served. */
    private static long revision(String id) {
        return given().auth().oauth2(READER).get("/inspections/{id}/scores", id).then().statusCode(200)
                .extract().jsonPath().getLong("revision");
    }

    /** The scores.changed events of an inspection on score-events, once the one of that revision is there. */
    private static List<CloudEvent> scoreEvents(String id, long revision) {
        return TopicReader.readUntil(Topics.SCORE_EVENTS,
                        rs -> rs.stream().filter(r -> id.equals(r.key()))
                                .anyMatch(r -> KafkaCloudEvents.fromRecord(r).sequence() == revision),
                        Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key()))
                .map(KafkaCloudEvents::fromRecord).toList();
    }

    /** The last sequence the scoring projection applied on a stream. */
    private long appliedSequence(String streamId) {
        var rows = pool.preparedQuery("SELECT sequence FROM stream_position WHERE projection = 'scoring-v1' AND stream_id = $1")
                .execute(Tuple.of(streamId)).await().indefinitely();
        return rows.size() == 0 ? 0 : rows.iterator().next().getLong("sequence");
    }

    private static String stream(String id, String caseId) {
        return "case-" + id + "/" + caseId;
    }

    private static CloudEvent judge(TestEvents events, String id, String caseId, String question, Answer answer) {
        return events.send(Topics.INSPECTION_EVENTS, stream(id, caseId), id,
                new JudgementRecorded(id, caseId, question, answer, null, "assessor"));
    }
}
