package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.ReportPublished;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Thames Valley OMI2 report (2010) from its events: every published criterion score and comment, the
 * section-4 grades and the three headline scores, as JSON, as HTML in a real browser, and as PDF; drafts for the
 * team only; a published version that never changes.
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class ThamesValleyReportTest {
    static final String ID = "omi2-thames-valley-2010";
    static final String LEAD = Tokens.leadInspector("helen.boocock");
    static final String READER = Tokens.reader("rita.reader");
    static final String OTHER_TEAM = Tokens.inspector("someone.else");

    static final Map<String, Integer> CRITERIA = new LinkedHashMap<>();
    static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        String[][] published = {{"1.1", "89", "MINIMUM"}, {"1.2", "76", "MODERATE"}, {"1.3", "73", "MODERATE"},
            {"1.4", "62", "SUBSTANTIAL"}, {"2.1", "75", "MODERATE"}, {"2.2", "70", "MODERATE"}, {"2.3", "70", "MODERATE"},
            {"2.4", "82", "MINIMUM"}, {"3.1", "65", "MODERATE"}, {"3.2", "55", "SUBSTANTIAL"}, {"3.3", "49", "SUBSTANTIAL"}};
        for (String[] p : published) {
            CRITERIA.put(p[0], Integer.parseInt(p[1]));
            COMMENTS.put(p[0], p[2] + " improvement required");
        }
    }

    static final String SUMMARY_4 = "Thames Valley Probation had recently begun to operate as a trust.";
    static final String STRENGTH_4_1 = "Thames Valley Probation began to operate as a trust two weeks before inspection fieldwork.";
    static final String IMPROVEMENT_4_1 = "Data about groups of offenders was not used to inform future planning.";
    static final String[][] GRADES = {{"4.1", "Very effective"}, {"4.2", "Very effective"}, {"4.3", "Very effective"},
        {"4.4", "Sufficiently effective"}, {"4.5", "Sufficiently effective"}};
    static final String[][] HEADLINES = {{"'Control' – Risk of Harm to others score", "71"},
        {"'Help' and 'Change' – Likelihood of Reoffending score", "69"},
        {"'Punish' – Compliance and Enforcement score", "78"}};

    static Figure figure(int score, String band) {
        return new Figure(score, score, band, score - 6.0, score + 6.0);
    }

    @Test
    void theReportInJsonHtmlAndPdfWithDraftsForTheTeamAndImmutablePublications() throws Exception {
        Map<String, Figure> criteria = new LinkedHashMap<>();
        CRITERIA.forEach((id, s) -> criteria.put(id, figure(s, COMMENTS.get(id))));
        Map<String, Figure> sections = Map.of("1", figure(74, null), "2", figure(75, null), "3", figure(56, null));
        Map<String, Figure> headlines = Map.of(
                "risk-of-harm", figure(71, "MODERATE improvement required"),
                "likelihood-of-reoffending", figure(69, "MODERATE improvement required"),
                "compliance-and-enforcement", figure(78, "MODERATE improvement required"));
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new InspectionOpened(ID, "Thames Valley",
                    Framework.OMI2, 1, "Offender Management Inspection 2: Thames Valley", LocalDate.of(2010, 4, 12),
                    LocalDate.of(2010, 4, 23)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new TeamMemberSet(ID, "helen.boocock", "lead-inspector"));
            for (String[] g : GRADES) {
                events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new GradeRecorded(ID, g[0], g[1], "helen.boocock"));
            }
            for (int i = 1; i <= 3; i++) {
                events.send(Topics.INSPECTION_EVENTS, "case-" + ID + "/C" + i, ID, new CaseSampled(ID, "C" + i,
                        new CaseCharacteristics(i == 3 ? CaseCharacteristics.CaseType.LICENCE : CaseCharacteristics.CaseType.COMMUNITY_ORDER,
                                CaseCharacteristics.RoshLevel.MEDIUM, false, 0, CaseCharacteristics.Gender.MALE,
                                CaseCharacteristics.Ethnicity.WHITE, 2, false, false, false, i != 3)));
            }
            events.send(Topics.SCORE_EVENTS, "scores-" + ID, ID, new ScoresChanged(ID, Framework.OMI2, 1,
                    Instant.parse("2010-04-23T17:00:00Z"), criteria, sections, null, headlines,
                    Map.of("1.2.01", new ScoresChanged.Tally(165, 171)), new ScoresChanged.Sample(171, 171, 0)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(LEAD).get("/reports/{id}", ID)
                .then().statusCode(200).body("scoresRevision", equalTo(1)).body("grades[4].grade", equalTo("Sufficiently effective"))
                .body("sampleCharacteristics.caseType.licence", equalTo(1)));
        given().auth().oauth2(LEAD).contentType(ContentType.JSON)
                .body("{\"items\": [\"the analyses of Risk of Harm to others and subsequent management plans are completed comprehensively and accurately\"]}")
                .put("/reports/{id}/content/recommendations", ID).then().statusCode(200);
        given().auth().oauth2(LEAD).contentType(ContentType.JSON)
                .body("{\"strengths\": [\"A RoSH screening was completed in all but six of the 171 cases.\"], \"improvements\": []}")
                .put("/reports/{id}/content/criteria/1.2", ID).then().statusCode(200);
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": \"\"}")
                .put("/reports/{id}/content/summaries/1", ID).then().statusCode(400).body("violations[0].field", equalTo("text"));
        // Section 4 is graded, and has its summary and chapters like the others.
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"text\": \"" + SUMMARY_4 + "\"}")
                .put("/reports/{id}/content/summaries/4", ID).then().statusCode(200);
        given().auth().oauth2(LEAD).contentType(ContentType.JSON)
                .body("{\"strengths\": [\"" + STRENGTH_4_1 + "\"], \"improvements\": [\"" + IMPROVEMENT_4_1 + "\"]}")
                .put("/reports/{id}/content/criteria/4.1", ID).then().statusCode(200);
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"strengths\": []}")
                .put("/reports/{id}/content/criteria/9.9", ID).then().statusCode(404);

        // JSON: every criterion score and comment, the grades, the three headlines with comments.
        var json = given().auth().oauth2(LEAD).get("/reports/{id}", ID).then().statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("recommendations[0]", containsString("Risk of Harm"))
                .body("chapters.find { it.criterionId == '1.2' }.strengths[0]", containsString("all but six"))
                .body("threads.find { it.id == 'risk-of-harm' }.score.display", equalTo(71))
                .body("threads.find { it.id == 'likelihood-of-reoffending' }.comment", equalTo("MODERATE improvement required"))
                .body("threads.find { it.id == 'compliance-and-enforcement' }.score.display", equalTo(78))
                .extract().jsonPath();
        CRITERIA.forEach((id, score) -> {
            assertEquals(score, json.getInt("chapters.find { it.criterionId == '" + id + "' }.score.display"), id);
            assertEquals(COMMENTS.get(id), json.getString("chapters.find { it.criterionId == '" + id + "' }.conclusion"), id);
        });
        assertEquals(List.of("Very effective", "Very effective", "Very effective", "Sufficiently effective",
                "Sufficiently effective"), json.getList("grades.grade"));
        assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3",
                "4.4", "4.5"), json.getList("chapters.criterionId"));
        for (String[] g : GRADES) {
            String chapter = "chapters.find { it.criterionId == '" + g[0] + "' }";
            assertEquals(g[1], json.getString(chapter + ".grade"), g[0]);
            assertEquals(g[1], json.getString(chapter + ".conclusion"), g[0]);
            assertTrue(json.getBoolean(chapter + ".graded"), g[0]);
        }
        assertEquals(List.of(STRENGTH_4_1), json.getList("chapters.find { it.criterionId == '4.1' }.strengths"));
        assertEquals(List.of("1", "2", "3", "4"), json.getList("sections.id"));
        assertEquals(SUMMARY_4, json.getString("sections[3].summary"));
        assertTrue(json.getBoolean("sections[3].graded"));

        // HTML, opened in a real browser: the chart has a bar per criterion at its score, the tables are there.
        String html = given().auth().oauth2(LEAD).accept("text/html").get("/reports/{id}", ID).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        Path file = Path.of("target", "thames-valley-report.html").toAbsolutePath();
        Files.writeString(file, html);
        ChromeDriver browser = browser();
        try {
            browser.get(file.toUri().toString());
            List<WebElement> bars = browser.findElements(By.cssSelector("#criterion-chart rect.bar"));
            assertEquals(11, bars.size());
            for (WebElement bar : bars) {
                String criterion = bar.getAttribute("data-criterion");
                assertEquals(String.valueOf(CRITERIA.get(criterion)), bar.getAttribute("data-score"), criterion);
            }
            // Drawn heights follow the scores: 1.1 (89) is the tallest, 3.3 (49) the shortest.
            double tallest = height(browser, "1.1");
            double shortest = height(browser, "3.3");
            assertEquals(89.0 / 49.0, tallest / shortest, 0.02);
            assertEquals(1, browser.findElements(By.cssSelector("#criterion-chart .line-of-priority")).size());
            // The line of priority (OMI2: 65) as drawn: bars above it reach over it, in blue; bars below stop under
            // it, in red; 3.1 at exactly 65 reaches it and is not below.
            // The line's box is its stroke's width: its middle is where it is drawn.
            double line = ((Number) browser.executeScript("const r = document.querySelector('#criterion-chart "
                    + ".line-of-priority').getBoundingClientRect(); return r.top + r.height / 2;")).doubleValue();
            for (WebElement bar : bars) {
                String criterion = bar.getAttribute("data-criterion");
                int score = CRITERIA.get(criterion);
                double barTop = top(browser, "rect.bar[data-criterion='" + criterion + "']");
                if (score > 65) {
                    assertTrue(barTop < line - 1, criterion + " reaches over the line");
                } else if (score < 65) {
                    assertTrue(barTop > line + 1, criterion + " stops under the line");
                } else {
                    assertEquals(line, barTop, 0.5, criterion + " reaches the line");
                }
                assertEquals(score < 65 ? "#c0504d" : "#4f81bd", bar.getAttribute("fill"), criterion + "'s colour");
            }
            assertEquals(6, browser.findElements(By.cssSelector("#grades tr")).size(), "header and five grades");
            assertEquals(4, browser.findElements(By.cssSelector("#threads tr")).size(), "header and three headlines");
            // The grades and headline tables, cell by cell.
            List<List<String>> gradeRows = new java.util.ArrayList<>();
            for (String[] g : GRADES) {
                gradeRows.add(List.of(g[0] + " " + OMI2.criterion(g[0]).orElseThrow().title(), g[1]));
            }
            assertEquals(gradeRows, cells(browser, "#grades tr"));
            assertEquals(List.of("Criterion", "Grade"), headers(browser, "#grades tr"));
            List<List<String>> headlineRows = new java.util.ArrayList<>();
            for (String[] h : HEADLINES) {
                headlineRows.add(List.of(h[0], h[1] + "%", "MODERATE improvement required", "no earlier inspection"));
            }
            assertEquals(headlineRows, cells(browser, "#threads tr"));
            assertEquals(List.of("Score", "Value", "Comment", "Programme to date"), headers(browser, "#threads tr"));
            assertTrue(browser.findElement(By.id("threads")).getText().contains("MODERATE improvement required"));
            assertEquals(1, browser.findElements(By.cssSelector("svg.counts[data-characteristic='caseType']")).size());
            // Each criterion's chapter: score and comment; section 4's: grade, strengths and areas for improvement.
            for (var c : CRITERIA.entrySet()) {
                assertEquals(c.getValue() + "% - " + COMMENTS.get(c.getKey()), browser.findElement(By.cssSelector(
                        "[id='criterion-" + c.getKey() + "'] p:not(.muted)")).getText(), c.getKey());
            }
            for (String[] g : GRADES) {
                assertEquals(g[1], browser.findElement(By.cssSelector("[id='criterion-" + g[0] + "'] p:not(.muted)")).getText(),
                        g[0]);
            }
            String chapter41 = browser.findElement(By.cssSelector("[id='criterion-4.1']")).getText();
            assertTrue(chapter41.contains("Strengths\n" + STRENGTH_4_1 + "\nAreas for improvement\n" + IMPROVEMENT_4_1),
                    chapter41);
            // The sections table: a row per section with its score (section 4 graded) and summary.
            List<List<String>> sectionRows = new java.util.ArrayList<>();
            for (WebElement row : browser.findElements(By.cssSelector("#sections tr"))) {
                sectionRows.add(row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList());
            }
            assertEquals(List.of(List.of(), List.of("1. Assessment and sentence planning", "74%", ""),
                    List.of("2. Implementation of interventions", "75%", ""),
                    List.of("3. Achieving and sustaining planned outcomes", "56%", ""),
                    List.of("4. Leadership and strategic management", "graded", SUMMARY_4)), sectionRows);
            // Sample characteristics under their names in words, values too.
            List<String> headings = browser.findElements(By.cssSelector("h3")).stream().map(WebElement::getText).toList();
            assertTrue(headings.containsAll(List.of("Case type", "RoSH level", "PPO", "MAPPA level")), headings.toString());
            assertEquals(List.of("no", "3"), browser.findElements(By.cssSelector("svg.counts[data-characteristic='ppo'] text"))
                    .stream().map(WebElement::getText).toList());
            assertEquals(List.of("community order", "2", "licence", "1"), browser.findElements(By.cssSelector(
                    "svg.counts[data-characteristic='caseType'] text")).stream().map(WebElement::getText).toList());
        } finally {
            browser.quit();
        }

        // PDF: its text carries the same figures.
        byte[] pdf = given().auth().oauth2(LEAD).accept("application/pdf").get("/reports/{id}", ID).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        Files.write(Path.of("target", "thames-valley-report.pdf"), pdf);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Table cells wrap: compare with every run of white space as one space.
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        for (var c : CRITERIA.entrySet()) {
            assertTrue(text.contains(c.getValue() + "% - " + COMMENTS.get(c.getKey())), c.getKey() + " in the PDF");
        }
        assertTrue(text.contains("Very effective") && text.contains("Sufficiently effective"), "grades in the PDF");
        // Each grade next to its criterion: in the grades table (between its row's start and the next row's, however
        // the cells wrap), and in its chapter after the criterion's statement.
        for (int g = 0; g < GRADES.length; g++) {
            String row = GRADES[g][0] + " " + OMI2.criterion(GRADES[g][0]).orElseThrow().title();
            int start = text.indexOf(row.substring(0, 20));
            int end = g + 1 < GRADES.length ? text.indexOf(GRADES[g + 1][0] + " ", start) : text.indexOf(HEADLINES[0][0], start);
            String cell = text.substring(start, end);
            String other = GRADES[g][1].equals("Very effective") ? "Sufficiently effective" : "Very effective";
            assertTrue(cell.contains(GRADES[g][1]) && !cell.contains(other), GRADES[g][0] + " in the PDF's grades table: " + cell);
            assertTrue(text.contains(row + " " + OMI2.criterion(GRADES[g][0]).orElseThrow().statement() + " " + GRADES[g][1]),
                    GRADES[g][0] + "'s chapter in the PDF");
        }
        for (String[] h : HEADLINES) {
            assertTrue(text.contains(h[0] + " " + h[1] + "% MODERATE improvement required"), h[0] + " in the PDF");
        }
        assertTrue(text.contains("4.1 Effective leadership makes good quality offender management more likely"), "4.1 in the PDF");
        assertTrue(text.contains(STRENGTH_4_1) && text.contains(SUMMARY_4), "section 4's words in the PDF");

        // Drafts are for the team: another inspector or a reader may not see one.
        given().auth().oauth2(OTHER_TEAM).get("/reports/{id}", ID).then().statusCode(403);
        given().auth().oauth2(READER).get("/reports/{id}", ID).then().statusCode(403);
        given().auth().oauth2(READER).post("/reports/{id}/publications", ID).then().statusCode(403);
        given().auth().oauth2(OTHER_TEAM).get("/reports/{id}/suggestions", ID).then().statusCode(403);
        given().auth().oauth2(LEAD).get("/reports/{id}/suggestions", ID).then().statusCode(200)
                .body("[0].questionId", equalTo("1.2.01")).body("[0].percent", equalTo(96))
                .body("[0].kind", equalTo("strength"))
                .body("[0].text", equalTo("A RoSH screening was completed at the start of sentence, release on licence "
                        + "or transfer into the area in 96% of cases."));

        // Publishing freezes version 1 for every reader; later edits make a new draft, not a new version 1.
        String v1 = given().auth().oauth2(LEAD).post("/reports/{id}/publications", ID).then().statusCode(201)
                .header("Location", containsString("/reports/" + ID + "/publications/1"))
                .body("status", equalTo("PUBLISHED")).body("publication", equalTo(1)).extract().asString();
        given().auth().oauth2(READER).get("/reports/{id}", ID).then().statusCode(200).body("publication", equalTo(1));
        byte[] v1Pdf = given().auth().oauth2(READER).accept("application/pdf").get("/reports/{id}/publications/1", ID).then()
                .statusCode(200).extract().asByteArray();
        given().auth().oauth2(LEAD).contentType(ContentType.JSON).body("{\"items\": [\"a different recommendation\"]}")
                .put("/reports/{id}/content/recommendations", ID).then().statusCode(200);
        assertEquals(v1, given().auth().oauth2(READER).get("/reports/{id}/publications/1", ID).then().statusCode(200)
                .extract().asString());
        given().auth().oauth2(LEAD).get("/reports/{id}", ID).then().body("recommendations[0]", equalTo("a different recommendation"));
        given().auth().oauth2(READER).get("/reports/{id}", ID).then().body("recommendations[0]", containsString("Risk of Harm"));
        String v1Html = given().auth().oauth2(READER).accept("text/html").get("/reports/{id}/publications/1", ID).then()
                .statusCode(200).extract().asString();

        // New scores (1.1 rescored at 90) and version 2: version 1 stays byte for byte what it was, as JSON and HTML.
        Map<String, Figure> rescored = new LinkedHashMap<>(criteria);
        rescored.put("1.1", figure(90, "MINIMUM improvement required"));
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.SCORE_EVENTS, "scores-" + ID, ID, 2, new ScoresChanged(ID, Framework.OMI2, 1,
                    Instant.parse("2010-04-24T09:00:00Z"), rescored, sections, null, headlines,
                    Map.of("1.2.01", new ScoresChanged.Tally(165, 171)), new ScoresChanged.Sample(171, 171, 0)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(LEAD).get("/reports/{id}", ID)
                .then().body("scoresRevision", equalTo(2)));
        String v2 = given().auth().oauth2(LEAD).post("/reports/{id}/publications", ID).then().statusCode(201)
                .body("publication", equalTo(2)).body("chapters.find { it.criterionId == '1.1' }.score.display", equalTo(90))
                .extract().asString();
        assertEquals(v1, given().auth().oauth2(READER).get("/reports/{id}/publications/1", ID).then().statusCode(200)
                .extract().asString());
        assertEquals(v1Html, given().auth().oauth2(READER).accept("text/html").get("/reports/{id}/publications/1", ID)
                .then().statusCode(200).extract().asString());
        String v2Html = given().auth().oauth2(READER).accept("text/html").get("/reports/{id}/publications/2", ID).then()
                .statusCode(200).extract().asString();
        assertTrue(v1Html.contains("data-criterion=\"1.1\" data-score=\"89\""), "version 1 draws 1.1 at 89");
        assertTrue(v2Html.contains("data-criterion=\"1.1\" data-score=\"90\""), "version 2 draws 1.1 at 90");
        assertTrue(!v2.equals(v1) && !v2Html.equals(v1Html));
        // The PDF too: the one kept at publication, byte for byte, after later edits, scores and version 2.
        assertArrayEquals(v1Pdf, given().auth().oauth2(READER).accept("application/pdf")
                .get("/reports/{id}/publications/1", ID).then().statusCode(200).extract().asByteArray());
        given().auth().oauth2(READER).get("/reports/{id}", ID).then().body("publication", equalTo(2))
                .body("recommendations[0]", equalTo("a different recommendation"));

        List<CloudEvent> published = TopicReader.events(Topics.REPORT_EVENTS, ID, 2, Duration.ofSeconds(30));
        ReportPublished event = EventJson.decode(published.get(0), ReportPublished.class);
        assertEquals(1, event.number());
        assertEquals(89, event.criteria().get("1.1").display());
        assertEquals(90, EventJson.decode(published.get(1), ReportPublished.class).criteria().get("1.1").display());
        assertEquals("Very effective", event.grades().get("4.1"));

        // Programme context: with one published OMI2 inspection, average and range are its own scores.
        given().auth().oauth2(READER).get("/programmes/omi2/comparison").then().statusCode(200)
                .body("inspections", equalTo(1))
                .body("threads.'risk-of-harm'.average", equalTo(71.0))
                .body("threads.'risk-of-harm'.min", equalTo(71));
    }

    static final Catalogue OMI2 = Catalogues.of(Framework.OMI2);

    /** The text of each row's td cells (header rows, which have none, left out). */
    private static List<List<String>> cells(ChromeDriver browser, String rows) {
        return browser.findElements(By.cssSelector(rows)).stream()
                .map(r -> r.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList())
                .filter(r -> !r.isEmpty()).toList();
    }

    private static List<String> headers(ChromeDriver browser, String rows) {
        return browser.findElements(By.cssSelector(rows)).get(0).findElements(By.cssSelector("th")).stream()
                .map(WebElement::getText).toList();
    }

    /** Where an element's drawn top edge is, in the page. */
    private static double top(ChromeDriver browser, String selector) {
        Object y = browser.executeScript("return document.querySelector(\"" + selector + "\").getBoundingClientRect().top;");
        return ((Number) y).doubleValue();
    }

    private static double height(ChromeDriver browser, String criterion) {
        Object h = browser.executeScript("return document.querySelector(\"rect.bar[data-criterion='" + criterion
                + "']\").getBoundingClientRect().height;");
        return ((Number) h).doubleValue();
    }

    /** Debian's chromium and chromedriver, headless, with no network of its own. */
    static ChromeDriver browser() {
        Path driver = Path.of("/usr/bin/chromedriver");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
            throw new IllegalStateException("chromium and chromedriver are needed (Debian packages chromium and "
                    + "chromium-driver): run ./test, which installs them, instead of ./mvnw verify");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Path.of("target", "chromium-profile").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        return new ChromeDriver(service, options);
    }
}
