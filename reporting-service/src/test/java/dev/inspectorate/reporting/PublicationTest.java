package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Publishing: the programme comparison to date, publishes at once, nothing to publish, recorded headline comments. */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class PublicationTest {
    static final String LEAD = "lena.lead";

    static Figure figure(int score) {
        return new Figure(score, score, null, null, null);
    }

    /** Opens an inspection led by LEAD and, if roh is given, sends its scores; waits until the report has them. */
    static void inspection(String id, Framework framework, Integer roh, Integer c11) {
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Kent", framework, 1,
                    id, LocalDate.of(2008, 6, 2), LocalDate.of(2008, 6, 13)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new TeamMemberSet(id, LEAD, "lead-inspector"));
            if (roh != null) {
                events.send(Topics.SCORE_EVENTS, "scores-" + id, id, new ScoresChanged(id, framework, 1,
                        Instant.parse("2008-06-13T17:00:00Z"), Map.of("1.1", figure(c11)), Map.of(), null,
                        Map.of("risk-of-harm", figure(roh)), Map.of(), new ScoresChanged.Sample(10, 10, 0)));
            }
        }
        String lead = Tokens.leadInspector(LEAD);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lead).get("/reports/{id}", id)
                .then().statusCode(200).body("scoresRevision", equalTo(roh == null ? 0 : 1)));
    }

    static String publish(String id) {
        return given().auth().oauth2(Tokens.leadInspector(LEAD)).post("/reports/{id}/publications", id).then()
                .statusCode(201).extract().path("publishedAt");
    }

    static JsonPath comparison(String query) {
        return given().auth().oauth2(Tokens.reader("rita")).get("/programmes/omi1/comparison" + query).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void theComparisonCountsOnlyWhatWasPublishedBeforeTheCutOff() {
        inspection("omi1-compare-a", Framework.OMI1, 64, 70);
        inspection("omi1-compare-b", Framework.OMI1, 68, 55);
        inspection("omi1-compare-c", Framework.OMI1, 73, 81);
        publish("omi1-compare-a");
        publish("omi1-compare-b");
        // A second version of b counts once, as its latest.
        publish("omi1-compare-b");
        String cPublished = publish("omi1-compare-c");

        JsonPath all = comparison("");
        assertEquals(3, all.getInt("inspections"));
        assertEquals((64 + 68 + 73) / 3.0, all.getDouble("threads.'risk-of-harm'.average"), 1e-9);
        assertEquals(64, all.getInt("threads.'risk-of-harm'.min"));
        assertEquals(73, all.getInt("threads.'risk-of-harm'.max"));
        assertEquals((70 + 55 + 81) / 3.0, all.getDouble("criteria.'1.1'.average"), 1e-9);
        assertEquals(55, all.getInt("criteria.'1.1'.min"));
        assertEquals(81, all.getInt("criteria.'1.1'.max"));

        // To date as c was published: a and b only.
        JsonPath beforeC = comparison("?before=" + cPublished);
        assertEquals(2, beforeC.getInt("inspections"));
        assertEquals(66.0, beforeC.getDouble("threads.'risk-of-harm'.average"), 1e-9);
        assertEquals(64, beforeC.getInt("threads.'risk-of-harm'.min"));
        assertEquals(68, beforeC.getInt("threads.'risk-of-harm'.max"));
        assertEquals(62.5, beforeC.getDouble("criteria.'1.1'.average"), 1e-9);

        // A date is the start of that day (UTC): nothing was published before 2010.
        JsonPath before2010 = comparison("?before=2010-01-01");
        assertEquals(0, before2010.getInt("inspections"));
        assertNull(before2010.get("threads.'risk-of-harm'"));

        given().auth().oauth2(Tokens.reader("rita")).get("/programmes/omi1/comparison?before=last-tuesday").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("before"));
        // Years PostgreSQL cannot hold, or no report could fall in, are refused naming before; the edges are fine.
        for (String far : List.of("-5000-01-01", "+300000-01-01T00:00:00Z", "1899-12-31", "+10000-01-01")) {
            given().auth().oauth2(Tokens.reader("rita")).queryParam("before", far).get("/programmes/omi1/comparison").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("before"))
                    .body("violations[0].message", equalTo("must lie in the years 1900 to 9999"));
        }
        assertEquals(0, comparison("?before=1900-01-01").getInt("inspections"));
        assertEquals(3, comparison("?before=9999-12-31T23:59:59Z").getInt("inspections"));

        // Each report quotes the programme to date beside its RoH score: the other inspections' latest versions
        // published before it. a was first: nothing to quote.
        assertNull(version("omi1-compare-a", 1).get("threads[0].programme"));
        for (int v = 1; v <= 2; v++) {
            JsonPath b = version("omi1-compare-b", v);
            assertEquals(1, b.getInt("threads[0].programme.inspections"), "b's version " + v + ": a only, not b's own");
            assertEquals(64.0, b.getDouble("threads[0].programme.average"), 1e-9);
            assertEquals(64, b.getInt("threads[0].programme.min"));
            assertEquals(64, b.getInt("threads[0].programme.max"));
        }
        JsonPath c = version("omi1-compare-c", 1);
        assertEquals(2, c.getInt("threads[0].programme.inspections"));
        assertEquals(66.0, c.getDouble("threads[0].programme.average"), 1e-9);
        assertEquals(64, c.getInt("threads[0].programme.min"));
        assertEquals(68, c.getInt("threads[0].programme.max"));
        String cHtml = given().auth().oauth2(Tokens.reader("rita")).accept("text/html")
                .get("/reports/{id}/publications/1", "omi1-compare-c").then().statusCode(200).extract().asString();
        assertTrue(cHtml.contains("<td>average 66%, range 64-68% (2 inspections)</td></tr>"), cHtml);
        // a's draft, now: b (68) and c (73); 70.5 is printed 71, halves upwards.
        String lead = Tokens.leadInspector(LEAD);
        given().auth().oauth2(lead).get("/reports/{id}", "omi1-compare-a").then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("threads[0].programme.inspections", equalTo(2))
                .body("threads[0].programme.average", equalTo(70.5)).body("threads[0].programme.min", equalTo(68))
                .body("threads[0].programme.max", equalTo(73));
        assertTrue(given().auth().oauth2(lead).accept("text/html").get("/reports/{id}", "omi1-compare-a").then()
                .extract().asString().contains("<td>average 71%, range 68-73% (2 inspections)</td></tr>"));
    }

    static JsonPath version(String id, int number) {
        return given().auth().oauth2(Tokens.reader("rita")).get("/reports/{id}/publications/{n}", id, number).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void publishesAtOnceGetConsecutiveNumbersAndNothingIsPublishedWithoutScores() throws Exception {
        String id = "esi-publish-race";
        inspection(id, Framework.ESI, 60, 60);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Callable<Integer>> tasks = new ArrayList<>();
        String lead = Tokens.leadInspector(LEAD);
        for (int i = 0; i < n; i++) {
            tasks.add(() -> given().auth().oauth2(lead).post("/reports/{id}/publications", id).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(201, 201, 201, 201, 201, 201), statuses);
        for (int v = 1; v <= n; v++) {
            given().auth().oauth2(lead).get("/reports/{id}/publications/{n}", id, v).then().statusCode(200)
                    .body("publication", equalTo(v));
        }
        given().auth().oauth2(lead).get("/reports/{id}/publications/{n}", id, n + 1).then().statusCode(404);

        String empty = "esi-publish-no-scores";
        inspection(empty, Framework.ESI, null, null);
        given().auth().oauth2(lead).post("/reports/{id}/publications", empty).then().statusCode(409)
                .contentType("application/problem+json").body("detail", equalTo("the report of " + empty
                        + " has no scores yet: publish once scoring has reported"));
        given().auth().oauth2(lead).get("/reports/{id}/publications/1", empty).then().statusCode(404);
    }

    @Test
    void aHeadlineCommentTheLeadRecordedWinsOverTheBand() {
        String id = "omi2-headline-comment";
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Kent", Framework.OMI2, 1,
                    id, LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new TeamMemberSet(id, LEAD, "lead-inspector"));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new ConclusionRecorded(id, "risk-of-harm",
                    "MODERATE improvement required", LEAD));
            events.send(Topics.SCORE_EVENTS, "scores-" + id, id, new ScoresChanged(id, Framework.OMI2, 1,
                    Instant.parse("2010-04-23T17:00:00Z"), Map.of(), Map.of(), null,
                    Map.of("risk-of-harm", new Figure(63.6, 64, "SUBSTANTIAL improvement required", null, null),
                            "likelihood-of-reoffending", new Figure(60, 60, "SUBSTANTIAL improvement required", null, null)),
                    Map.of(), new ScoresChanged.Sample(10, 10, 0)));
        }
        String lead = Tokens.leadInspector(LEAD);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lead).get("/reports/{id}", id)
                .then().statusCode(200).body("scoresRevision", equalTo(1))
                .body("threads.find { it.id == 'risk-of-harm' }.comment", equalTo("MODERATE improvement required")));
        given().auth().oauth2(lead).get("/reports/{id}", id).then()
                .body("threads.find { it.id == 'risk-of-harm' }.commentRecorded", equalTo(true))
                .body("threads.find { it.id == 'likelihood-of-reoffending' }.comment", equalTo("SUBSTANTIAL improvement required"))
                .body("threads.find { it.id == 'likelihood-of-reoffending' }.commentRecorded", equalTo(false));
    }
}
