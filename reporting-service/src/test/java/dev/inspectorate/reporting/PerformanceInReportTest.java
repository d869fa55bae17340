package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded.Row;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * National performance data in the report, from performance.dataset.loaded as performance-data-service emits it
 * (West Midlands 2007-08 figures): NPS asterisks, IPPF rows by domain with previous year, predicted rate and the
 * domain and area ratings, for the financial year that ended before fieldwork.
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class PerformanceInReportTest {
    static final String ID = "omi1-west-midlands-2008";
    static final String AREA = "west-midlands";

    static Row nps(String metric, String name, double actual, double target, double national, String evaluation) {
        return new Row(metric, name, null, actual, target, national, null, null, null, null, null, null, null, evaluation);
    }

    static Row context(String metric, String name, double actual) {
        return new Row(metric, name, null, actual, null, null, null, null, null, null, null, null, null, "NOT_ASSESSED");
    }

    /** The domains performance-data's catalogue gives these metrics (the event carries them). */
    static final Map<String, String> IPPF_DOMAINS = Map.of("ippf-ns-public-protection", "public-protection",
            "ippf-reduce-reoffending", "public-protection", "ippf-enforcement-ten-days", "offender-management",
            "ippf-sickness-absence", "operational-capability");

    static Row ippf(String metric, String name, Double actual, Double target, Double national, Double previous, int grade,
            Double predicted, Double difference, String significance, String evaluation) {
        return new Row(metric, name, IPPF_DOMAINS.get(metric), actual, target, national, previous, grade, predicted,
                difference, significance, null, null, evaluation);
    }

    static Row rating(String metric, String rating) {
        return new Row(metric, null, null, null, null, null, null, null, null, null, null, rating, null, "NOT_ASSESSED");
    }

    @Test
    void npsAsterisksAndIppfDomainsOfTheYearBeforeFieldwork() {
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new InspectionOpened(ID, "West Midlands",
                    Framework.OMI1, 1, "OMI West Midlands", LocalDate.of(2008, 6, 2), LocalDate.of(2008, 6, 13)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new TeamMemberSet(ID, "lee", "lead-inspector"));
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2007-08-nps", AREA, new PerformanceDatasetLoaded(
                    "wm-2007-08-nps-v1", AREA, "2007-08", "nps", 1, null, List.of(
                            nps("nps-enforcement-ten-days", "Enforcement within ten working days", 85, 90, 87, "NEAR_MISS"),
                            nps("nps-offender-compliance", "Offender compliance", 80, 85, 84, "MISSED"),
                            nps("nps-appointments-attended", "Appointments attended", 70, 65, 68, "MET"),
                            // Loaded without a target: judged against the catalogue's default, which the table prints.
                            new Row("nps-psr-magistrates-court-timescale", "PSRs to magistrates courts within timescale", null, 92.0, null, 88.0, null, null,
                                    null, null, null, null, null, "MET", 90.0))));
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2007-08-ippf", AREA, new PerformanceDatasetLoaded(
                    "wm-2007-08-ippf-v1", AREA, "2007-08", "ippf", 1, null, List.of(
                            ippf("ippf-ns-public-protection", "National standards: public protection", 83.0, 90.0, 88.0,
                                    64.0, 2, null, null, null, "MISSED"),
                            ippf("ippf-reduce-reoffending", "Reduce re-offending", 8.5, null, null, null, 4, 10.1, -1.6,
                                    "Better", "MET"),
                            ippf("ippf-enforcement-ten-days", "Enforcement within ten working days", 88.0, 90.0, 95.0,
                                    91.0, 1, null, null, null, "NEAR_MISS"),
                            ippf("ippf-sickness-absence", "Sickness absence", 14.8, 9.0, 12.1, 14.5, 1, null, null, null,
                                    "MISSED"),
                            rating("ippf-domain-public-protection", "Passable"),
                            rating("ippf-domain-offender-management", "Passable"),
                            rating("ippf-domain-interventions", "Passable"),
                            rating("ippf-domain-operational-capability", "Good"),
                            rating("ippf-area", "Passable"))));
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2007-08-context", AREA, new PerformanceDatasetLoaded(
                    "wm-2007-08-context-v1", AREA, "2007-08", "context", 1, null, List.of(
                            context("context-caseload", "Total caseload", 19679),
                            context("context-revenue-budget", "Revenue budget (£ million)", 79.111))));
            // The year under way at fieldwork (June 2008) is partial: not the report's.
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2008-09-nps", AREA, new PerformanceDatasetLoaded(
                    "wm-2008-09-nps-v1", AREA, "2008-09", "nps", 1, null, List.of(
                            nps("nps-enforcement-ten-days", "Enforcement within ten working days", 60, 90, 87, "MISSED"))));
        }
        String lead = Tokens.leadInspector("lee");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lead).get("/reports/{id}", ID)
                .then().statusCode(200).body("performance.tables.size()", equalTo(2))
                .body("contextFigures.rows.size()", equalTo(2)));
        JsonPath json = given().auth().oauth2(lead).get("/reports/{id}", ID).then().statusCode(200).extract().jsonPath();
        assertEquals("2007-08", json.getString("performance.period"));
        assertEquals(List.of("ippf", "nps"), json.getList("performance.tables.framework"));

        assertEquals(List.of("nps-enforcement-ten-days", "nps-offender-compliance", "nps-appointments-attended",
                "nps-psr-magistrates-court-timescale"), json.getList("performance.tables[1].rows.metric"));
        assertEquals(List.of(true, false, true, true), json.getList("performance.tables[1].rows.asterisk"));
        assertEquals(90.0, json.getDouble("performance.tables[1].rows[3].target"));
        assertEquals(85.0, json.getDouble("performance.tables[1].rows[0].actual"));

        assertEquals("Passable", json.getString("performance.tables[0].rating"));
        assertEquals(List.of("public-protection", "offender-management", "interventions", "operational-capability"),
                json.getList("performance.tables[0].domains.id"));
        assertEquals(List.of("Passable", "Passable", "Passable", "Good"), json.getList("performance.tables[0].domains.rating"));
        assertEquals(List.of("ippf-ns-public-protection", "ippf-reduce-reoffending"),
                json.getList("performance.tables[0].domains[0].rows.metric"));
        assertEquals(List.of(), json.getList("performance.tables[0].domains[2].rows"));
        assertEquals(List.of("ippf-sickness-absence"), json.getList("performance.tables[0].domains[3].rows.metric"));
        assertEquals(64.0, json.getDouble("performance.tables[0].domains[0].rows[0].previous"));
        assertEquals(10.1, json.getDouble("performance.tables[0].domains[0].rows[1].predicted"));
        assertEquals(-1.6, json.getDouble("performance.tables[0].domains[0].rows[1].difference"));
        assertEquals("Better", json.getString("performance.tables[0].domains[0].rows[1].significance"));
        assertEquals(4, json.getInt("performance.tables[0].domains[0].rows[1].grade"));
        assertEquals("Good", json.getString("performance.ippfRatings.'ippf-domain-operational-capability'"));
        // Contextual figures go to the contextual appendix, not among the performance tables.
        assertEquals("wm-2007-08-context-v1", json.getString("contextFigures.datasetId"));
        assertEquals(List.of("context-caseload", "context-revenue-budget"), json.getList("contextFigures.rows.metric"));
        assertEquals(List.of(false, false), json.getList("contextFigures.rows.asterisk"));

        String html = given().auth().oauth2(lead).accept("text/html").get("/reports/{id}", ID).then().statusCode(200)
                .extract().asString();
        assertTrue(html.contains("<h2>Performance data 2007-08</h2>"), "the period");
        assertTrue(html.contains("<tr data-metric=\"context-caseload\"><td>Total caseload</td><td class=\"num\">19679</td>"
                + "<td class=\"num\"></td></tr>"), "the contextual figures");
        assertTrue(html.indexOf("<table class=\"context\"") > html.indexOf("<h2>Contextual information</h2>"),
                "under contextual information");
        assertTrue(html.contains("<tr data-metric=\"nps-enforcement-ten-days\"><td>Enforcement within ten working days</td>"
                + "<td class=\"num\">90</td><td class=\"num\">85*</td><td class=\"num\">87</td></tr>"), "near miss: asterisk");
        assertTrue(html.contains("<tr data-metric=\"nps-offender-compliance\"><td>Offender compliance</td>"
                + "<td class=\"num\">85</td><td class=\"num\">80</td><td class=\"num\">84</td></tr>"), "missed: none");
        assertTrue(html.contains("<td class=\"num\">70*</td>"), "met: asterisk");
        assertTrue(html.contains("<tr class=\"domain\" data-domain=\"public-protection\"><th colspan=\"8\">Public Protection"
                + "</th><th>Passable</th></tr>"), "domain and its rating");
        assertTrue(html.contains("<tr class=\"domain\" data-domain=\"operational-capability\"><th colspan=\"8\">"
                + "Operational Capability, Resource Use &amp; Strategy</th><th>Good</th></tr>"), "domain and its rating");
        assertTrue(html.contains("<tr data-metric=\"ippf-reduce-reoffending\"><td>Reduce re-offending</td>"
                + "<td class=\"num\">8.5</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td>"
                + "<td class=\"num\">10.1</td><td class=\"num\">-1.6</td><td>Better</td><td class=\"num\">4</td></tr>"),
                "actual against predicted");
        assertTrue(html.contains("<tr data-metric=\"ippf-ns-public-protection\"><td>National standards: public protection"
                + "</td><td class=\"num\">83</td><td class=\"num\">90</td><td class=\"num\">88</td><td class=\"num\">64</td>"),
                "previous year Q4");
        assertTrue(html.contains("<tr class=\"area-rating\"><th colspan=\"8\">Area rating</th><th>Passable</th></tr>"));
        assertFalse(html.contains(">60<"), "nothing of 2008-09");
    }
}
