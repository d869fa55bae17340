package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Tally;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.rest.StorableText;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Suggested findings worded from the catalogue's findings and the question tallies, and the lead accepting them. */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class SuggestedFindingsTest {
    static final String LEAD = Tokens.leadInspector("helen.boocock");
    static final String ASSESSOR = Tokens.areaAssessor("sam", "Thames Valley");

    static final String SCREENING_ON_TIME = "A RoSH screening was completed on time in 85% of cases.";
    static final String ANALYSIS = "The RoH analysis was of sufficient quality, identifying who was at risk and the "
            + "nature and level of the risk in 50% of cases.";
    static final String PREVIOUS_BEHAVIOUR = "The RoH assessment took previous relevant behaviour into account in 69% of cases.";
    static final String CLASSIFICATION = "The RoSH classification was correct (not too low for the RoH posed) in all "
            + "but 1 of the 200 cases.";
    static final String BOARDS = "Where the offender was in custody, the offender manager attended sentence-planning "
            + "boards in person or by video link in all 15 cases.";
    static final String TRANSFERS = "Where a high or very high RoSH case was transferred in, a new risk management plan "
            + "was completed within five working days in 6 of 11 cases.";
    static final String MAPPA_TIMELY = "Where the case was referred to MAPPA Level 2 or 3, the referral was made in a "
            + "timely manner in 7 of 8 cases.";

    @Test
    void suggestionsReadAsPublishedFindingsAndTheLeadAcceptsThem() throws Exception {
        String id = "omi2-suggested-findings";
        // Thames Valley-like tallies; the percentages are worked by hand.
        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("1.1.02", new Tally(84, 84));   // all
        tallies.put("1.2.02", new Tally(140, 165)); // 84.85% -> 85
        tallies.put("1.2.04", new Tally(199, 200)); // 99.5% displays as 100, but one case fell short
        tallies.put("1.2.07", new Tally(68, 136));  // 50%
        tallies.put("1.2.09", new Tally(137, 200)); // 68.5% -> 69 half-up
        tallies.put("1.2.18", new Tally(7, 8));     // fewer than 20 cases: counted
        tallies.put("2.1.07", new Tally(15, 15));
        tallies.put("2.1.47", new Tally(6, 11));
        tallies.put("3.3.08", new Tally(0, 40));    // none
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Thames Valley",
                    Framework.OMI2, 1, "OMI2 Thames Valley", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new TeamMemberSet(id, "helen.boocock", "lead-inspector"));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new TeamMemberSet(id, "sam", "area-assessor"));
            events.send(Topics.SCORE_EVENTS, "scores-" + id, id, new ScoresChanged(id, Framework.OMI2, 1,
                    Instant.parse("2010-04-23T17:00:00Z"), Map.of(), Map.of(), null, Map.of(), tallies,
                    new ScoresChanged.Sample(200, 200, 0)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(LEAD).get("/reports/{id}", id)
                .then().statusCode(200).body("scoresRevision", equalTo(1)));

        // In the report's order; strengths at or above OMI2's line of priority (65), areas for improvement below it.
        List<List<String>> suggestions = new ArrayList<>();
        given().auth().oauth2(ASSESSOR).get("/reports/{id}/suggestions", id).then().statusCode(200).extract()
                .jsonPath().getList("$", Map.class)
                .forEach(s -> suggestions.add(List.of((String) s.get("questionId"), (String) s.get("kind"), (String) s.get("text"))));
        assertEquals(List.of(
                List.of("1.1.02", "strength", "The PSR was completed on time in all cases."),
                List.of("1.2.02", "strength", SCREENING_ON_TIME),
                List.of("1.2.04", "strength", CLASSIFICATION),
                List.of("1.2.07", "improvement", ANALYSIS),
                List.of("1.2.09", "strength", PREVIOUS_BEHAVIOUR),
                List.of("1.2.18", "strength", MAPPA_TIMELY),
                List.of("2.1.07", "strength", BOARDS),
                List.of("2.1.47", "improvement", TRANSFERS),
                List.of("3.3.08", "improvement", "The offender had gained employment in none of the cases.")), suggestions);

        // Only the lead accepts; the team's assessor may read the suggestions but not accept them.
        String accept = "/reports/{id}/suggestions/{q}/acceptance";
        given().auth().oauth2(ASSESSOR).post(accept, id, "1.2.02").then().statusCode(403);
        given().auth().oauth2(ASSESSOR).contentType(ContentType.JSON).body("{").post(accept, id, "1.2.02").then().statusCode(403);
        // Accepted as worded, by its kind; accepting it again (a retry) adds nothing.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(LEAD).post(accept, id, "1.2.02").then().statusCode(200)
                    .body("strengths", equalTo(List.of(SCREENING_ON_TIME))).body("improvements", equalTo(List.of()));
        }
        given().auth().oauth2(LEAD).post(accept, id, "1.2.07").then().statusCode(200)
                .body("strengths", equalTo(List.of(SCREENING_ON_TIME))).body("improvements", equalTo(List.of(ANALYSIS)));
        // Accepted in the lead's own words.
        String edited = "In 69% of cases previous relevant behaviour was taken into account.";
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body(Map.of("text", edited)).post(accept, id, "1.2.09")
                .then().statusCode(200).body("strengths", equalTo(List.of(SCREENING_ON_TIME, edited)));
        // Acceptances at once all land: two adding to criterion 1.2's strengths, and two creating criterion 2.1's part.
        List<CompletableFuture<Void>> atOnce = new ArrayList<>();
        for (String q : List.of("1.2.04", "1.2.18", "2.1.07", "2.1.47")) {
            atOnce.add(CompletableFuture.runAsync(() -> given().auth().oauth2(LEAD).post(accept, id, q).then().statusCode(200)));
        }
        CompletableFuture.allOf(atOnce.toArray(CompletableFuture[]::new)).get();
        given().auth().oauth2(LEAD).get("/reports/{id}", id).then().statusCode(200)
                .body("chapters[1].criterionId", equalTo("1.2"))
                .body("chapters[1].strengths", containsInAnyOrder(SCREENING_ON_TIME, edited, CLASSIFICATION, MAPPA_TIMELY))
                .body("chapters[1].strengths[0]", equalTo(SCREENING_ON_TIME)).body("chapters[1].strengths[1]", equalTo(edited))
                .body("chapters[1].improvements", equalTo(List.of(ANALYSIS)))
                .body("chapters[4].criterionId", equalTo("2.1"))
                .body("chapters[4].strengths", equalTo(List.of(BOARDS)))
                .body("chapters[4].improvements", equalTo(List.of(TRANSFERS)));

        // Refused, changing nothing: bad wording, an unknown question, a question without data, a full list.
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": \" \"}").post(accept, id, "1.2.02")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("text"));
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("[\"text\"]").post(accept, id, "1.2.02")
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
        // A character XML refuses would break the PDF once published; a misspelt field would be dropped.
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": \"on time\\u000b in 85%\"}")
                .post(accept, id, "1.2.02").then().statusCode(400).body("violations.field", equalTo(List.of("text")))
                .body("violations[0].message", equalTo(StorableText.MESSAGE));
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": \"on time\", \"kind\": \"strength\"}")
                .post(accept, id, "1.2.02").then().statusCode(400).body("violations.field", equalTo(List.of("kind")));
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": ").post(accept, id, "1.2.02")
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
        given().auth().oauth2(LEAD).post(accept, id, "9.9.99").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(LEAD).post(accept, id, "1.2.01").then().statusCode(404);
        List<String> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add("Strength " + i + ".");
        }
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body(Map.of("strengths", fifty, "improvements", List.of()))
                .put("/reports/{id}/content/criteria/1.1", id).then().statusCode(200);
        given().auth().oauth2(LEAD).post(accept, id, "1.1.02").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(LEAD).get("/reports/{id}", id).then().statusCode(200)
                .body("chapters[0].strengths", equalTo(fifty))
                .body("chapters[1].strengths", containsInAnyOrder(SCREENING_ON_TIME, edited, CLASSIFICATION, MAPPA_TIMELY))
                .body("chapters[1].improvements", equalTo(List.of(ANALYSIS)));
    }

    @Test
    void theAcceptanceIsDocumentedWithExamples() {
        String acceptance = "paths.'/reports/{id}/suggestions/{question}/acceptance'.post";
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(acceptance + ".summary", equalTo("Accept a suggested finding"))
                .body(acceptance + ".requestBody.content.'application/json'.examples.edited.value.text",
                        equalTo("A RoSH screening was completed on time in 85% of cases, and 80% were accurate."))
                .body(acceptance + ".responses.'200'.content.'application/json'.examples.accepted.value.strengths[0]",
                        equalTo(SCREENING_ON_TIME))
                .body(acceptance + ".responses.'409'.description", equalTo("The criterion already has 50 findings of that kind"));
    }
}
