package dev.inspectorate.devstack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the whole platform as the README's run command does (separate processes: PostgreSQL, Kafka, four
 * services) and drives the thinnest real path over HTTP with tokens: open an inspection, sample cases, record
 * judgements, and read the exact criterion score in the report. Then kills the launcher with -9, starts it again
 * (which must clean up the orphans and find the data kept), and stops it with SIGTERM, leaving no process behind.
 */
class PlatformEndToEndIT {
    static final int OFFSET = 1000;
    static final String CASES = "http://localhost:" + (8081 + OFFSET);
    static final String SCORING = "http://localhost:" + (8082 + OFFSET);
    static final String REPORTING = "http://localhost:" + (8084 + OFFSET);
    static final Path DATA = Launched.ROOT.resolve("devstack/target/e2e-data");

    static final List<Process> launched = new ArrayList<>();

    @BeforeAll
    static void numbersAsDoubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @AfterAll
    static void stopAnything() {
        launched.forEach(p -> ChildProcess.stop(p.toHandle(), Duration.ofSeconds(60)));
    }

    @Test
    void theWholePathWorksAcrossSeparateProcessesAndStoppingLeavesNothingRunning() throws Exception {
        Process first = launch("--fresh");
        TokenMinter tokens = TokenMinter.forDataDir(DATA);
        String lead = tokens.mint("helen.boocock", null, "lead-inspector");
        String inspector = tokens.mint("martin.jolly", null, "inspector");
        String assessor = tokens.mint("sam.patel", "Thames Valley", "area-assessor");
        String id = "omi2-thames-valley-2010";

        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body("""
                        {"id": "%s", "area": "Thames Valley", "framework": "omi2", "title": "OMI2 Thames Valley",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(id))
                .post(CASES + "/inspections").then().statusCode(201);
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body("""
                        [{"caseId": "C001", "caseType": "licence", "roshLevel": "high", "mappaLevel": 1,
                          "gender": "male", "ethnicity": "white", "tier": 3},
                         {"caseId": "C002", "caseType": "community-order", "roshLevel": "medium",
                          "gender": "female", "ethnicity": "black", "psr": true},
                         {"caseId": "C003", "caseType": "custody", "roshLevel": "low",
                          "gender": "male", "ethnicity": "asian"}]""")
                .post(CASES + "/inspections/{id}/cases", id).then().statusCode(201);
        for (String member : List.of("martin.jolly:inspector", "sam.patel:area-assessor")) {
            String[] m = member.split(":");
            given().auth().oauth2(lead).contentType(ContentType.JSON).body("{\"role\": \"" + m[1] + "\"}")
                    .put(CASES + "/inspections/{id}/team/{user}", id, m[0]).then().statusCode(200);
        }
        for (String assignment : List.of("C001:martin.jolly", "C002:sam.patel", "C003:martin.jolly")) {
            String[] a = assignment.split(":");
            given().auth().oauth2(lead).contentType(ContentType.JSON).body("{\"assignee\": \"" + a[1] + "\"}")
                    .put(CASES + "/inspections/{id}/cases/{case}/assignee", id, a[0]).then().statusCode(200);
        }
        // 1.2.01 sufficient in 2 of 3 cases: criterion 1.2 = 66.67%, shown 67, MODERATE improvement required.
        judge(inspector, id, "C001", "SUFFICIENT");
        judge(assessor, id, "C002", "INSUFFICIENT");
        judge(inspector, id, "C003", "SUFFICIENT");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(lead).get(REPORTING + "/reports/{id}", id).then().statusCode(200)
                        .body("chapters[1].criterionId", equalTo("1.2"))
                        .body("chapters[1].score.display", equalTo(67))
                        .body("chapters[1].score.value", closeTo(200.0 / 3, 1e-9))
                        .body("chapters[1].conclusion", equalTo("MODERATE improvement required"))
                        .body("threads[0].id", equalTo("risk-of-harm"))
                        .body("threads[0].score.display", equalTo(67)));
        given().auth().oauth2(tokens.mint("reader", null, "reader"))
                .get(SCORING + "/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.sufficient", equalTo(2))
                .body("scores.questions.'1.2.01'.applicable", equalTo(3));
        given().get(CASES + "/inspections/{id}", id).then().statusCode(401);

        // kill -9 the launcher: its children are orphaned. The next start must stop them and keep the data.
        List<Long> orphans = platformPids();
        assertTrue(orphans.size() >= 5, "expected the services and the broker to be running: " + orphans);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Process second = launch();
        for (long pid : orphans) {
            assertFalse(running(pid), "orphan " + pid + " survived");
        }
        given().auth().oauth2(lead).get(REPORTING + "/reports/{id}", id).then().statusCode(200)
                .body("chapters[1].score.display", equalTo(67));
        given().auth().oauth2(lead).get(CASES + "/inspections/{id}/cases", id).then().statusCode(200)
                .body("size()", equalTo(3));

        // SIGTERM stops everything it started.
        List<Long> running = platformPids();
        long postgres = postmasterPid();
        second.destroy();
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the launcher did not stop within 120 s");
        for (long pid : running) {
            assertFalse(running(pid), "process " + pid + " survived");
        }
        assertFalse(running(postgres), "postgres survived");
        assertEquals(List.of(), platformPids());
    }

    private static void judge(String token, String id, String caseId, String answer) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"answer\": \"" + answer + "\"}")
                .put(CASES + "/inspections/{id}/cases/{case}/judgements/1.2.01", id, caseId)
                .then().statusCode(200);
    }

    private static Process launch(String... extra) throws IOException, InterruptedException {
        Launched l = Launched.start(DATA, OFFSET, extra);
        launched.add(l.process);
        return l.process;
    }

    private static List<Long> platformPids() {
        return Launched.platformPids(DATA);
    }

    private static boolean running(long pid) {
        return Launched.running(pid);
    }

    private static long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(DATA.resolve("postgres/postmaster.pid")).get(0).trim());
    }
}
