package dev.inspectorate.caseassessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class RecordJudgementTest {
    static final String LEAD = Tokens.leadInspector("helen.boocock");
    static final String INSPECTOR = Tokens.inspector("martin.jolly");

    @Test
    void aJudgementIsStoredAndPublishedAsACloudEvent() {
        String id = "omi2-judgement-path";
        given().auth().oauth2(LEAD).contentType(ContentType.JSON)
                .body("""
                        {"id": "%s", "area": "Thames Valley", "framework": "omi2",
                         "title": "OMI2 Thames Valley", "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}
                        """.formatted(id))
                .post("/inspections")
                .then().statusCode(201).header("ETag", "\"1\"").body("status", equalTo("OPEN"));
        given().auth().oauth2(LEAD).contentType(ContentType.JSON)
                .body("""
                        [{"caseId": "C001", "caseType": "community-order", "roshLevel": "medium", "ppo": false,
                          "mappaLevel": 0, "gender": "male", "ethnicity": "white", "tier": 2, "psr": true}]
                        """)
                .post("/inspections/{id}/cases", id)
                .then().statusCode(201).body("[0].version", equalTo(1));

        given().auth().oauth2(INSPECTOR).contentType(ContentType.JSON)
                .body("{\"answer\": \"SUFFICIENT\", \"note\": \"screening on time\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("answer", equalTo("SUFFICIENT")).body("assessor", equalTo("martin.jolly"));

        List<CloudEvent> events = TopicReader.events(Topics.INSPECTION_EVENTS, id, 3, Duration.ofSeconds(30));
        assertEquals(List.of("inspection.opened", "case.sampled", "judgement.recorded"),
                events.stream().map(CloudEvent::type).toList());
        CloudEvent judged = events.get(2);
        assertEquals("case-" + id + "/C001", judged.subject());
        assertEquals(2, judged.sequence());
        assertEquals(URI.create("/case-assessment-service"), judged.source());
        assertEquals(URI.create("https://inspectorate.dev/schemas/events/judgement.recorded/v1.json"), judged.dataschema());
        JudgementRecorded payload = EventJson.decode(judged, JudgementRecorded.class);
        assertEquals(new JudgementRecorded(id, "C001", "1.2.01", Answer.SUFFICIENT, "screening on time", "martin.jolly"),
                payload);
    }
}
