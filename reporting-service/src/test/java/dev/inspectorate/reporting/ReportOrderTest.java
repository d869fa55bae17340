package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The report's parts in the order of DOMAIN.md section 5 (the seeds' order), in JSON, HTML and PDF, with every
 * editorial part written, including the service users' perspective; and text outside Latin-1 survives into the PDF
 * (the font is embedded).
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class ReportOrderTest {
    static final String ID = "omi2-gwent-order";
    static final String AREA = "gwent";
    static final String LEAD = Tokens.leadInspector("olwen");
    static final String SERVICE_USERS = "Offenders in Gŵyr said appointments ≥ weekly helped them keep to their orders.";

    @Test
    void theReportFollowsTheSeedsOrderInJsonHtmlAndPdf() throws Exception {
        Figure f = new Figure(70, 70, "MODERATE improvement required", null, null);
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new InspectionOpened(ID, "Gwent", Framework.OMI2, 1,
                    "Offender Management Inspection 2: Gwent", LocalDate.of(2010, 5, 10), LocalDate.of(2010, 5, 21)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new TeamMemberSet(ID, "olwen", "lead-inspector"));
            events.send(Topics.INSPECTION_EVENTS, "case-" + ID + "/C1", ID, new CaseSampled(ID, "C1",
                    new CaseCharacteristics(CaseCharacteristics.CaseType.LICENCE, CaseCharacteristics.RoshLevel.HIGH, false, 0,
                            CaseCharacteristics.Gender.FEMALE, CaseCharacteristics.Ethnicity.WHITE, 3, false, false, false,
                            false)));
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2009-10-nps", AREA, new PerformanceDatasetLoaded(
                    "gwent-2009-10-nps-v1", AREA, "2009-10", "nps", 1, null, List.of(PerformanceInReportTest.nps(
                            "nps-enforcement-ten-days", "Enforcement within ten working days", 91, 90, 87, "MET"))));
            events.send(Topics.PERFORMANCE_EVENTS, "dataset-" + AREA + "-2009-10-context", AREA, new PerformanceDatasetLoaded(
                    "gwent-2009-10-context-v1", AREA, "2009-10", "context", 1, null, List.of(
                            PerformanceInReportTest.context("context-caseload", "Total caseload", 4210))));
            events.send(Topics.SCORE_EVENTS, "scores-" + ID, ID, new ScoresChanged(ID, Framework.OMI2, 1,
                    Instant.parse("2010-05-21T17:00:00Z"), Map.of("1.1", f, "3.3", f), Map.of("1", f), null,
                    Map.of("risk-of-harm", f, "likelihood-of-reoffending", f, "compliance-and-enforcement", f), Map.of(),
                    new ScoresChanged.Sample(1, 1, 0)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(LEAD).get("/reports/{id}", ID)
                .then().statusCode(200).body("scoresRevision", equalTo(1)).body("performance.tables.size()", equalTo(1))
                .body("contextFigures.rows.size()", equalTo(1)).body("sampleCharacteristics.caseType.licence", equalTo(1)));
        Map<String, String> parts = Map.of(
                "foreword", "{\"text\": \"This is the report of our inspection of Gwent.\"}",
                "summaries/1", "{\"text\": \"Assessment was mostly sound.\"}",
                "recommendations", "{\"items\": [\"RoSH analyses are completed on time\"]}",
                "next-steps", "{\"text\": \"An improvement plan is due within four weeks.\"}",
                "good-practice", "{\"items\": [{\"criterionId\": \"2.4\", \"title\": \"Engagement\", \"text\": \"Evening appointments.\"}]}",
                "service-users", "{\"text\": \"" + SERVICE_USERS + "\"}",
                "criteria/1.1", "{\"strengths\": [\"Reports were on time in 96% of cases.\"], \"improvements\": []}",
                "context", "{\"text\": \"Gwent covers five local authorities.\"}");
        parts.forEach((part, body) -> given().auth().oauth2(LEAD).contentType(ContentType.JSON).body(body)
                .put("/reports/{id}/content/" + part, ID).then().statusCode(200));

        // JSON: the report's members in that order (status before the parts; absent ones, like overall, left out).
        String json = given().auth().oauth2(LEAD).get("/reports/{id}", ID).then().statusCode(200).extract().asString();
        JsonNode report = new ObjectMapper().readTree(json);
        List<String> members = new ArrayList<>();
        report.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("inspectionId", "area", "framework", "frameworkTitle", "title", "fieldworkStart", "fieldworkEnd",
                "status", "scoresRevision", "sample", "foreword", "sections", "chart", "grades", "threads",
                "recommendations", "nextSteps", "goodPractice", "serviceUsers", "chapters", "performance", "context",
                "contextFigures", "sampleCharacteristics", "scoringApproach"), members);
        assertEquals(SERVICE_USERS, report.path("serviceUsers").asText());

        // HTML: the headings in the seeds' order; the summary of scores holds the chart, then grades, then headlines.
        String html = given().auth().oauth2(LEAD).accept("text/html").get("/reports/{id}", ID).then().statusCode(200)
                .extract().asString();
        List<String> expected = List.of("Foreword", "Summary by section", "Summary of scores", "Recommendations",
                "Next steps", "Good practice", "Service users' perspective", "Findings by criterion",
                "Performance data 2009-10", "Contextual information", "Sample characteristics", "Scoring approach");
        assertEquals(expected, h2s(html));
        int summary = html.indexOf("<h2 id=\"summary-of-scores\">");
        int chart = html.indexOf("<div id=\"criterion-chart\">");
        int grades = html.indexOf("<table id=\"grades\">");
        int threads = html.indexOf("<table id=\"threads\">");
        int recommendations = html.indexOf("<h2 id=\"recommendations\">");
        assertTrue(html.indexOf("<table id=\"sections\">") < summary && summary < chart && chart < grades
                && grades < threads && threads < recommendations, "sections, then chart, grades and headlines");
        assertTrue(html.contains("<h2 id=\"service-users\">Service users' perspective</h2><p>" + SERVICE_USERS + "</p>"));

        // PDF: the same headings in the same order, and "ŵ" and "≥" printed, not replaced.
        byte[] pdf = given().auth().oauth2(LEAD).accept("application/pdf").get("/reports/{id}", ID).then().statusCode(200)
                .extract().asByteArray();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        int at = -1;
        for (String heading : expected) {
            int next = text.indexOf(heading, at + 1);
            assertTrue(next > at, heading + " after the heading before it in the PDF");
            at = next;
        }
        assertTrue(text.contains(SERVICE_USERS), text);
    }

    static List<String> h2s(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<h2[^>]*>(.*?)</h2>").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
