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
 * services) and runs the README's curl path with minted tokens: open an inspection, sample cases, build the team,
 * record judgements; then reads the exact criterion score in the report. Then kills the launcher with -9, starts it again
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
        Process first = launch("--fresh").process;
        TokenMinter tokens = TokenMinter.forDataDir(DATA);
        String id = "omi2-try";

        // The README's token commands and curl path, run as written (data folder and ports shifted); the lead's token
        // it minted with ./platform token serves the checks below.
        String lead = runReadmePath();

        // 1.2.01 sufficient in 1 of 2 cases: criterion 1.2 = 50%, SUBSTANTIAL improvement required (40 <= 50 < 65).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(lead).get(REPORTING + "/reports/{id}", id).then().statusCode(200)
                        .body("chapters[1].criterionId", equalTo("1.2"))
                        .body("chapters[1].score.display", equalTo(50))
                        .body("chapters[1].score.value", closeTo(50.0, 1e-9))
                        .body("chapters[1].conclusion", equalTo("SUBSTANTIAL improvement required"))
                        .body("threads[0].id", equalTo("risk-of-harm"))
                        .body("threads[0].score.display", equalTo(50)));
        given().auth().oauth2(tokens.mint("reader", null, "reader"))
                .get(SCORING + "/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.sufficient", equalTo(1))
                .body("scores.questions.'1.2.01'.applicable", equalTo(2));
        given().get(CASES + "/inspections/{id}", id).then().statusCode(401);

        // kill -9 the launcher: its children are orphaned. The next start must stop them and keep the data.
        List<Long> orphans = platformPids();
        assertTrue(orphans.size() >= 5, "expected the services and the broker to be running: " + orphans);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Launched second = launch();
        for (long pid : orphans) {
            assertFalse(running(pid), "orphan " + pid + " survived");
        }
        given().auth().oauth2(lead).get(REPORTING + "/reports/{id}", id).then().statusCode(200)
                .body("chapters[1].score.display", equalTo(50));
        given().auth().oauth2(lead).get(CASES + "/inspections/{id}/cases", id).then().statusCode(200)
                .body("size()", equalTo(2));

        // Ctrl-C (SIGINT to the whole process group, the children too) stops everything it started, and nothing
        // is started again meanwhile. SIGTERM to the launcher alone is the fault drill's way of stopping.
        List<Long> running = platformPids();
        long postgres = postmasterPid();
        second.interrupt();
        assertTrue(second.process.waitFor(120, TimeUnit.SECONDS), "the launcher did not stop within 120 s");
        assertFalse(second.output.stream().anyMatch(l -> l.contains("starting it again")), "nothing restarted while stopping");
        for (long pid : running) {
            assertFalse(running(pid), "process " + pid + " survived");
        }
        assertFalse(running(postgres), "postgres survived");
        assertEquals(List.of(), platformPids());

        // SIGTERM while PostgreSQL is starting: the stop waits for that start and stops it too.
        Launched third = Launched.begin(DATA, OFFSET, true);
        launched.add(third.process);
        third.awaitLine("Starting PostgreSQL", Duration.ofSeconds(60));
        third.stop();
        Path postmaster = DATA.resolve("postgres/postmaster.pid");
        assertFalse(Files.exists(postmaster) && running(postmasterPid()), "postgres survived a stop during its start");
        assertEquals(List.of(), platformPids());
    }

    /**
     * Runs the README's blocks between the e2e-tokens and e2e-path markers with bash, from the repository's root as
     * a reader would; curl fails on an HTTP error, so every call of the block must succeed as a reader following the
     * README would see it. Returns the lead inspector's token the README's command printed.
     */
    private static String runReadmePath() throws IOException, InterruptedException {
        String readme = Files.readString(Launched.ROOT.resolve("README.md"));
        String tokens = block(readme, "e2e-tokens").replace("./platform token", "./platform token --data-dir " + DATA);
        String path = block(readme, "e2e-path");
        for (int port = 8081; port <= 8084; port++) {
            path = path.replace("localhost:" + port, "localhost:" + (port + OFFSET));
        }
        String script = "set -euo pipefail\ncurl() { command curl --fail-with-body -sS \"$@\"; echo; }\n" + tokens + path
                + "echo \"lead token: $LEAD\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).directory(Launched.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the README's path did not finish");
        assertEquals(0, p.exitValue(), "the README's path failed:\n" + output);
        String lead = output.substring(output.lastIndexOf("lead token: ") + "lead token: ".length()).trim();
        assertTrue(lead.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"), "a JWT from ./platform token: " + lead);
        return lead;
    }

    private static String block(String readme, String marker) {
        String block = readme.substring(readme.indexOf("<!-- " + marker + ": begin -->"), readme.indexOf("<!-- " + marker + ": end -->"));
        return block.substring(block.indexOf("```bash") + 7, block.lastIndexOf("```"));
    }

    private static Launched launch(String... extra) throws IOException, InterruptedException {
        Launched l = Launched.start(DATA, OFFSET, extra);
        launched.add(l.process);
        return l;
    }

    private static List<Long> platformPids() {
        return Launched.platformPids(DATA);
    }

    private static boolean running(long pid) {
        return ChildProcess.running(pid);
    }

    private static long postmasterPid() throws IOException {
        return Launched.postmasterPid(DATA);
    }
}
