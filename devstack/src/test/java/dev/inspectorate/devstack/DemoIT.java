package dev.inspectorate.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.devstack.demo.DemoSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command doing the platform's job: ./platform's launcher re-enacts the Thames Valley inspection
 * through the APIs and exits; the published report it wrote has every criterion within three points of the
 * report's published score.
 */
class DemoIT {
    static final Path ROOT = Launched.ROOT;
    static final Path DATA = ROOT.resolve("devstack/target/demo-data");

    @Test
    void theThamesValleyDemoPublishesAReportCloseToThePublishedOne() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ROOT.resolve("devstack/target/devstack.jar") + ":" + ROOT.resolve("devstack/target/lib") + "/*",
                Devstack.class.getName(), "--data-dir", DATA.toString(), "--port-offset", "2000", "--fresh",
                "--demo", "thames-valley", "--exit");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[demo] " + line);
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                // ended
            }
        });
        reader.start();
        try {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the demo did not finish within five minutes");
        } finally {
            if (p.isAlive()) {
                ChildProcess.stop(p.toHandle(), java.time.Duration.ofSeconds(60));
            }
        }
        reader.join(5000);
        assertEquals(0, p.exitValue(), "the launcher's exit status");
        int done = indexOf(output, "Demo done");
        assertTrue(done >= 0, "the demo reported success");
        // The terminal shows the scores beside the published ones, the report's files, then how to explore.
        assertTrue(indexOf(output, "  section 1 ") > done, "sections printed beside the published ones");
        assertTrue(indexOf(output, "Tokens, valid") > indexOf(output, "The published report:"),
                "URLs and tokens come after the report's paths");

        DemoSpec spec = DemoSpec.load("thames-valley");
        Path json = DATA.resolve("reports").resolve(spec.id() + "-1.json");
        assertTrue(Files.exists(DATA.resolve("reports").resolve(spec.id() + "-1.pdf")));
        assertTrue(Files.readString(DATA.resolve("reports").resolve(spec.id() + "-1.html")).contains("<svg"));
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("PUBLISHED", report.path("status").asText());
        int criteria = 0;
        for (JsonNode c : report.path("chapters")) {
            Integer published = spec.published().criteria().get(c.path("criterionId").asText());
            if (published != null) {
                int demo = c.path("score").path("display").asInt();
                assertTrue(Math.abs(demo - published) <= 3,
                        "criterion " + c.path("criterionId").asText() + ": " + demo + " against published " + published);
                assertEquals(spec.published().comments().get(c.path("criterionId").asText()), c.path("conclusion").asText());
                criteria++;
            }
        }
        assertEquals(spec.published().criteria().size(), criteria, "every published criterion has a score");
        int threads = 0;
        for (JsonNode t : report.path("threads")) {
            int published = spec.published().threads().get(t.path("id").asText());
            int demo = t.path("score").path("display").asInt();
            assertTrue(Math.abs(demo - published) <= 3, t.path("id").asText() + ": " + demo + " against published " + published);
            assertEquals(spec.published().threadComments().get(t.path("id").asText()), t.path("comment").asText());
            threads++;
        }
        assertEquals(3, threads, "the three headline scores");
        // The report prints no national performance table; its contextual figures are loaded as the area's data.
        assertEquals(6506, report.at("/contextFigures/rows/0/actual").asInt(), "Thames Valley's caseload");
        assertEquals(171, report.path("sample").path("cases").asInt());
        assertEquals(171, report.path("sample").path("submitted").asInt());
        assertEquals(spec.published().grades().size(), report.path("grades").size(), "every section-4 grade");
        for (JsonNode g : report.path("grades")) {
            assertEquals(spec.published().grades().get(g.path("criterionId").asText()), g.path("grade").asText());
        }
        assertTrue(report.path("recommendations").size() > 0, "the report's recommendations were written");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
