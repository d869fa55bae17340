package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.HostileInput;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Editorial parts written with hostile bodies: never a 5xx, and a refused part stores nothing; characters XML refuses
 * are refused naming the field; what is accepted renders as HTML and PDF.
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class HostileInputTest {
    static final String ID = "omi2-hostile-report";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void noHostileEditorialPartIsHalfStoredOrAnswered5xx() throws Exception {
        try (TestEvents events = new TestEvents("/test")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new InspectionOpened(ID, "Kent", Framework.OMI2, 1,
                    "x", LocalDate.of(2010, 1, 4), LocalDate.of(2010, 1, 15)));
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + ID, ID, new TeamMemberSet(ID, "helen", "lead-inspector"));
        }
        String lead = Tokens.leadInspector("helen");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(lead).get("/reports/{id}", ID).statusCode() == 200);
        List<String[]> parts = List.of(
                new String[] {"recommendations", "{\"items\": [\"one\", \"two\"]}"},
                new String[] {"criteria/1.2", "{\"strengths\": [\"s\"], \"improvements\": [\"i\"]}"},
                new String[] {"summaries/1", "{\"text\": \"a summary\"}"},
                new String[] {"good-practice", "{\"items\": [{\"criterionId\": \"1.4\", \"title\": \"t\", \"text\": \"x\"}]}"});
        List<String> wrong = new ArrayList<>();
        for (String[] part : parts) {
            for (HostileInput.Body b : HostileInput.bodies(part[1])) {
                long before = count();
                Response r = given().auth().oauth2(lead).contentType(b.contentType()).body(b.bytes())
                        .put("/reports/{id}/content/" + part[0], ID);
                if (r.statusCode() >= 500) {
                    wrong.add(part[0] + " [" + b + "]: " + r.statusCode() + " " + r.asString());
                } else if (r.statusCode() >= 400 && count() != before) {
                    wrong.add(part[0] + " [" + b + "]: refused with " + r.statusCode() + " but stored");
                }
            }
        }
        assertEquals(List.of(), wrong);

        // Characters XML refuses would break the PDF's parser for good once published: refused, naming the field.
        for (String bad : List.of("\u0001", "\u000B", "\u001F", "\uFFFE", "\uFFFF")) {
            String[][] cases = {{"foreword", "{\"text\": %s}", "text"}, {"service-users", "{\"text\": %s}", "text"},
                {"recommendations", "{\"items\": [\"fine\", %s]}", "items[1]"},
                {"criteria/1.2", "{\"strengths\": [%s], \"improvements\": []}", "strengths[0]"},
                {"good-practice", "{\"items\": [{\"criterionId\": \"1.4\", \"title\": %s, \"text\": \"x\"}]}", "items[0].title"}};
            for (String[] c : cases) {
                long before = count();
                given().auth().oauth2(lead).contentType(ContentType.JSON)
                        .body(c[1].formatted(JSON.writeValueAsString("before " + bad + " after")))
                        .put("/reports/{id}/content/" + c[0], ID).then().statusCode(400).contentType("application/problem+json")
                        .body("violations[0].field", equalTo(c[2]));
                assertEquals(before, count(), c[0] + " stored nothing");
            }
        }

        // A misspelt field would be stored and never shown: refused, naming it.
        String[][] misspelt = {{"next-steps", "{\"txt\": \"a\", \"text\": \"b\"}", "txt", "[text]"},
            {"criteria/1.3", "{\"strengths\": [], \"improvments\": [\"x\"], \"improvements\": []}", "improvments",
                "[strengths, improvements]"},
            {"good-practice", "{\"items\": [{\"criterionId\": \"1.4\", \"title\": \"t\", \"text\": \"x\", \"criterion\": \"1.4\"}]}",
                "items[0].criterion", "[criterionId, title, text]"}};
        for (String[] c : misspelt) {
            long before = count();
            given().auth().oauth2(lead).contentType(ContentType.JSON).body(c[1]).put("/reports/{id}/content/" + c[0], ID)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of(c[2])))
                    .body("violations[0].message", equalTo("is not a known field; the fields are " + c[3]));
            assertEquals(before, count(), c[0] + " stored nothing");
        }

        // Hostile text that is fine to keep renders, as HTML (escaped) and as PDF, in every part.
        String hostile = "<script>alert(1)</script> ]]> &amp; \"quotes\" 'x' \u202Eevil\u202C \u0085 \uFFFD 𝔘 😀 Gŵyr ≥ "
                + "\t tab \r\n line";
        String text = "{\"text\": " + JSON.writeValueAsString(hostile) + "}";
        String items = "{\"items\": [" + JSON.writeValueAsString(hostile) + "]}";
        for (String[] part : new String[][] {{"foreword", text}, {"context", text}, {"next-steps", text},
            {"service-users", text}, {"summaries/1", text}, {"recommendations", items},
            {"criteria/1.2", "{\"strengths\": [" + JSON.writeValueAsString(hostile) + "], \"improvements\": []}"},
            {"good-practice", "{\"items\": [{\"criterionId\": \"1.4\", \"title\": " + JSON.writeValueAsString(hostile)
                    + ", \"text\": " + JSON.writeValueAsString(hostile) + "}]}"}}) {
            given().auth().oauth2(lead).contentType(ContentType.JSON).body(part[1]).put("/reports/{id}/content/" + part[0], ID)
                    .then().statusCode(200);
        }
        String html = given().auth().oauth2(lead).accept("text/html").get("/reports/{id}", ID).then().statusCode(200)
                .extract().asString();
        assertFalse(html.contains("<script>"), "scripts are escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        byte[] pdf = given().auth().oauth2(lead).accept("application/pdf").get("/reports/{id}", ID).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String printed = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(printed.contains("<script>alert(1)</script> ]]> &amp;"), printed);
            assertTrue(printed.contains("Gŵyr ≥"), printed);
        }
    }

    private long count() {
        return pool.query("SELECT count(*) AS n FROM report_content").execute().await().indefinitely().iterator().next().getLong("n");
    }
}
