package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
class ScoresFromJudgementsTest {
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
                    .body("scores.questions.'1.2.01'.applicable", equalTo(4));

            // The same event delivered again changes nothing; the revision of C2 then lifts 1.2.02 to 2 of 2.
            events.send(Topics.INSPECTION_EVENTS, c2.subject(), id, c2.sequence(),
                    EventJson.decode(c2, JudgementRecorded.class));
            judge(events, id, "C2", "1.2.02", Answer.SUFFICIENT);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(READER)
                    .get("/inspections/{id}/scores", id).then().statusCode(200)
                    .body("scores.questions.'1.2.02'.sufficient", equalTo(2))
                    .body("scores.questions.'1.2.02'.applicable", equalTo(2))
                    .body("scores.criteria.'1.2'.value", closeTo(87.5, 1e-9))
                    .body("scores.criteria.'1.2'.display", equalTo(88))
                    .body("scores.criteria.'1.2'.band", equalTo("MINIMUM improvement required")));
        }

        List<CloudEvent> published = TopicReader.readUntil(Topics.SCORE_EVENTS,
                rs -> rs.stream().anyMatch(r -> id.equals(r.key()) && new String(r.value()).contains("87.5")),
                Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key()))
                .map(dev.inspectorate.events.KafkaCloudEvents::fromRecord).toList();
        CloudEvent last = published.get(published.size() - 1);
        assertEquals("scores.changed", last.type());
        assertEquals("scores-" + id, last.subject());
        assertEquals(published.size(), last.sequence());
        ScoresChanged scores = EventJson.decode(last, ScoresChanged.class);
        assertEquals(88, scores.criteria().get("1.2").display());
        assertEquals(new ScoresChanged.Tally(2, 2), scores.questions().get("1.2.02"));
    }

    private static String stream(String id, String caseId) {
        return "case-" + id + "/" + caseId;
    }

    private static CloudEvent judge(TestEvents events, String id, String caseId, String question, Answer answer) {
        return events.send(Topics.INSPECTION_EVENTS, stream(id, caseId), id,
                new JudgementRecorded(id, caseId, question, answer, null, "assessor"));
    }
}
