package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class ReportFromEventsTest {

    @Test
    void theReportShowsTheLatestScoresOfItsInspection() {
        String id = "omi2-report-from-events";
        Figure c12 = new Figure(62.5, 63, "SUBSTANTIAL improvement required", 30.0, 90.0);
        try (TestEvents events = new TestEvents("/test")) {
            // Scores may overtake the inspection's own events: they are on another topic.
            events.send(Topics.SCORE_EVENTS, "scores-" + id, id, new ScoresChanged(id, Framework.OMI2, 1,
                    Instant.parse("2010-04-20T10:00:00Z"), Map.of("1.2", new Figure(50, 50, null, 10.0, 90.0)),
                    Map.of(), null, Map.of(), Map.of(), new ScoresChanged.Sample(1, 0, 0)));
            events.send(Topics.SCORE_EVENTS, "scores-" + id, id, new ScoresChanged(id, Framework.OMI2, 1,
                    Instant.parse("2010-04-20T11:00:00Z"), Map.of("1.2", c12), Map.of("1", c12), null,
                    Map.of("risk-of-harm", c12), Map.of(), new ScoresChanged.Sample(1, 0, 0)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "OMI2 Thames Valley", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id,
                    new dev.inspectorate.events.payload.TeamMemberSet(id, "helen.boocock", "lead-inspector"));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id,
                    new dev.inspectorate.events.payload.TeamMemberSet(id, "sam", "area-assessor"));
        }
        String lead = Tokens.leadInspector("helen.boocock");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lead)
                .get("/reports/{id}", id).then().statusCode(200).body("scoresRevision", equalTo(2)));
        given().auth().oauth2(lead).get("/reports/{id}", id).then().statusCode(200)
                .body("area", equalTo("Thames Valley"))
                .body("framework", equalTo("omi2"))
                .body("sections[0].id", equalTo("1"))
                .body("sections[0].score.display", equalTo(63))
                .body("chapters[1].criterionId", equalTo("1.2"))
                .body("chapters[1].title", equalTo("Assessment and planning to minimise Risk of Harm to others"))
                .body("chapters[1].score.display", equalTo(63))
                .body("chapters[1].conclusion", equalTo("SUBSTANTIAL improvement required"))
                .body("chapters[0].score", nullValue())
                .body("threads[0].id", equalTo("risk-of-harm"))
                .body("threads[0].score.value", equalTo(62.5));

        // Not on the team, and nothing published yet.
        given().auth().oauth2(Tokens.areaAssessor("pat", "Kent")).get("/reports/{id}", id).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.areaAssessor("sam", "Thames Valley")).get("/reports/{id}", id).then().statusCode(200);
        given().get("/reports/{id}", id).then().statusCode(401);
        given().auth().oauth2(lead).get("/reports/{id}", "no-such-inspection").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
