package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.HostileInput;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Editorial parts written with hostile bodies: never a 5xx, and a refused part stores nothing. */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class HostileInputTest {
    static final String ID = "omi2-hostile-report";

    @Inject
    Pool pool;

    @Test
    void noHostileEditorialPartIsHalfStoredOrAnswered5xx() {
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
    }

    private long count() {
        return pool.query("SELECT count(*) AS n FROM report_content").execute().await().indefinitely().iterator().next().getLong("n");
    }
}
