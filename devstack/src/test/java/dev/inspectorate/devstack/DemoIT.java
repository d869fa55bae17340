package dev.inspectorate.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.devstack.demo.DemoSpec;
import dev.inspectorate.devstack.demo.PlanTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The README's run command doing the platform's job: ./platform's launcher re-enacts a published inspection through
 * the APIs and exits; the published report it wrote (JSON, HTML, PDF) has every criterion where the demo's plan
 * puts it: at the report's published score, or as near as the printed question figures allow, and within three
 * points of it wherever they allow that.
 */
class DemoIT {
    static final Path ROOT = Launched.ROOT;
    static final Path DATA = ROOT.resolve("devstack/target/demo-data");
    static final int OFFSET = 2000;
    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: the JDK client's default h2c upgrade once hung on a large answer (a case's history). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theThamesValleyDemoPublishesAReportCloseToThePublishedOne() throws Exception {
        // The scoring service is killed while the team judges: the launcher starts it again and the demo goes on.
        Run first = run(DATA, line -> line.startsWith("  judging:"), "scoring-service",
                "--fresh", "--demo", "thames-valley", "--exit");
        List<String> output = first.output();
        assertEquals(0, first.exit(), "the launcher's exit status");
        assertTrue(output.contains("scoring-service exited with code 137; starting it again"),
                "the watcher restarted the scoring service during the demo");
        int done = indexOf(output, "Demo done");
        assertTrue(done >= 0, "the demo reported success");
        // The terminal shows the scores beside the published ones, the report's files, then how to explore.
        assertTrue(indexOf(output, "  section 1 ") > done, "sections printed beside the published ones");
        assertTrue(indexOf(output, "Tokens, valid") > indexOf(output, "The published report:"),
                "URLs and tokens come after the report's paths");
        // Progress shows the criterion scores as they change.
        assertTrue(output.stream().anyMatch(l -> l.startsWith("  judging:") && l.matches(".*; criteria 1\\.1:\\d+ 1\\.2:\\d+.*")),
                "criterion scores in the progress lines");

        DemoSpec spec = DemoSpec.load("thames-valley");
        Path json = DATA.resolve("reports").resolve(spec.id() + "-1.json");
        assertTrue(Files.exists(DATA.resolve("reports").resolve(spec.id() + "-1.pdf")));
        assertTrue(Files.readString(DATA.resolve("reports").resolve(spec.id() + "-1.html")).contains("<svg"));
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("PUBLISHED", report.path("status").asText());
        assertEquals(spec.editorial().serviceUsers(), report.path("serviceUsers").asText(), "service users' perspective");
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
        assertEquals(new java.util.TreeMap<>(spec.published().criteria()), criterionScores(report),
                "every criterion at its published score");
        assertPrintedQuestionsKept("thames-valley", spec, report);
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

        // The published HTML (well-formed XHTML: the PDF renderer reads it as XML) shows the same figures.
        Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DATA.resolve("reports").resolve(spec.id() + "-1.html").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        for (JsonNode c : report.path("chapters")) {
            String id = c.path("criterionId").asText();
            String shown = xpath.evaluate("//div[@id='criterion-" + id + "']/p[not(@class='muted')][1]", html).trim();
            if (spec.published().criteria().containsKey(id)) {
                assertEquals(c.path("score").path("display").asInt() + "% - " + spec.published().comments().get(id), shown, id);
            } else {
                assertEquals(spec.published().grades().get(id), shown, id);
            }
        }
        assertEquals(gradeRows(spec), rows(xpath, html, "grades"));
        List<List<String>> headlines = new ArrayList<>();
        for (JsonNode t : report.path("threads")) {
            // The programme to date: this is the platform's first published OMI2 inspection.
            headlines.add(List.of(t.path("name").asText(), t.path("score").path("display").asInt() + "%",
                    spec.published().threadComments().get(t.path("id").asText()), "no earlier inspection"));
        }
        assertEquals(headlines, rows(xpath, html, "threads"));

        // The PDF's text carries them too.
        String text;
        try (PDDocument doc = Loader.loadPDF(DATA.resolve("reports").resolve(spec.id() + "-1.pdf").toFile())) {
            // Table cells wrap: compare with every run of white space as one space.
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        // Each chapter, in order, with its score and comment (or grade) before the next chapter begins.
        int at = text.indexOf("Findings by criterion");
        assertTrue(at >= 0);
        List<JsonNode> chapters = new ArrayList<>();
        report.path("chapters").forEach(chapters::add);
        for (int i = 0; i < chapters.size(); i++) {
            JsonNode c = chapters.get(i);
            String id = c.path("criterionId").asText();
            at = text.indexOf(id + " " + c.path("title").asText(), at);
            assertTrue(at >= 0, "chapter " + id + " in the PDF");
            int next = i + 1 < chapters.size() ? text.indexOf(chapters.get(i + 1).path("criterionId").asText() + " "
                    + chapters.get(i + 1).path("title").asText(), at) : text.length();
            String chapter = text.substring(at, next < 0 ? text.length() : next);
            String expected = spec.published().criteria().containsKey(id)
                    ? c.path("score").path("display").asInt() + "% - " + spec.published().comments().get(id)
                    : spec.published().grades().get(id);
            assertTrue(chapter.contains(expected), id + " in the PDF: " + expected + " in " + chapter);
        }
        for (List<String> h : headlines) {
            assertTrue(text.contains(String.join(" ", h)), h + " in the PDF");
        }

        // Started again on the same data, the launcher finds the demo published and does not repeat it; the team's
        // work is in the platform as its members did it.
        Launched again = Launched.start(DATA, OFFSET, "--demo", "thames-valley");
        try {
            again.awaitLine("Ctrl-C stops everything.", Duration.ofSeconds(120));
            assertTrue(again.output.contains("Demo " + spec.id() + " is already in the platform (./platform --fresh runs it again)."),
                    "the demo is not run twice");
            checkTheTeamsWork(spec, output);
        } finally {
            again.stop();
        }
    }

    /**
     * Every case's history: its judgements recorded by its assignee, the nine assessors at work at the same time, and
     * the lead's moderations as many as the demo said.
     */
    private static void checkTheTeamsWork(DemoSpec spec, List<String> output) throws Exception {
        TokenMinter tokens = TokenMinter.forDataDir(DATA);
        String lead = tokens.mint(spec.team().lead(), null, "lead-inspector");
        String cases = "http://localhost:" + (8081 + OFFSET) + "/inspections/" + spec.id();
        Map<String, OffsetDateTime[]> activity = new HashMap<>();
        Set<String> moderators = new TreeSet<>();
        int moderations = 0;
        int submissions = 0;
        for (JsonNode c : get(cases + "/cases", lead)) {
            String caseId = c.path("caseId").asText();
            String assignee = c.path("assignee").asText();
            for (JsonNode e : get(cases + "/cases/" + caseId + "/history", lead)) {
                String actor = e.path("actor").asText();
                OffsetDateTime at = OffsetDateTime.parse(e.path("recordedAt").asText());
                switch (e.path("type").asText()) {
                    case "judgement.recorded" -> {
                        assertEquals(assignee, actor, caseId + "'s judgements are its assignee's");
                        activity.merge(actor, new OffsetDateTime[] {at, at}, (a, b) ->
                                new OffsetDateTime[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                    }
                    case "judgement.moderated" -> {
                        moderators.add(actor);
                        moderations++;
                    }
                    case "case.assessment.submitted" -> {
                        assertEquals(assignee, actor, caseId + " submitted by its assignee");
                        submissions++;
                    }
                    default -> { }
                }
            }
        }
        List<String> team = new ArrayList<>(spec.team().inspectors());
        team.addAll(spec.team().assessors());
        assertEquals(new TreeSet<>(team), activity.keySet(), "the judgements' authors");
        assertEquals(9, activity.size());
        assertEquals(171, submissions);
        // Concurrently: every assessor had begun before any had finished.
        OffsetDateTime lastStart = activity.values().stream().map(a -> a[0]).max(OffsetDateTime::compareTo).orElseThrow();
        OffsetDateTime firstEnd = activity.values().stream().map(a -> a[1]).min(OffsetDateTime::compareTo).orElseThrow();
        assertTrue(lastStart.isBefore(firstEnd), "the assessors judged at the same time: " + lastStart + " / " + firstEnd);
        Matcher said = Pattern.compile("  the lead inspector moderated (\\d+) judgements.*")
                .matcher(output.get(indexOf(output, "  the lead inspector moderated")));
        assertTrue(said.matches());
        assertEquals(6, Integer.parseInt(said.group(1)), "the moderations the demo reported");
        assertEquals(6, moderations, "the moderations in the cases' histories");
        assertEquals(Set.of(spec.team().lead()), moderators);
    }

    /**
     * The other frameworks' demos, checked for their scores. Gloucestershire is first interrupted while its team
     * judges: the next start must say so rather than take the half-judged inspection for a finished demo.
     */
    @Test
    void theGloucestershireDemoIsRedoneAfterAnInterruptionAndComesOutAtItsPublishedScores() throws Exception {
        Path data = ROOT.resolve("devstack/target/demo-gloucestershire-data");
        Launched interrupted = Launched.start(data, OFFSET, "--fresh", "--demo", "gloucestershire");
        long postgres;
        try {
            interrupted.awaitLine("  judging:", Duration.ofSeconds(120));
            postgres = Launched.postmasterPid(data);
        } finally {
            interrupted.stop();
        }
        assertEquals(List.of(), Launched.platformPids(data), "processes left after a SIGTERM during the demo");
        assertFalse(ChildProcess.running(postgres), "postgres left after a SIGTERM during the demo");
        Run again = run(data, null, null, "--demo", "gloucestershire", "--exit");
        assertEquals(1, again.exit(), "the launcher's exit status");
        assertTrue(again.output().stream().anyMatch(l -> l.startsWith("Demo esi-gloucestershire-2005 was interrupted before its report was published")),
                "the interrupted demo is reported as such");

        checkScores("gloucestershire", data);
    }

    @Test
    void theWestMidlandsDemoComesOutAtItsPublishedScores() throws Exception {
        checkScores("west-midlands", ROOT.resolve("devstack/target/demo-west-midlands-data"));
    }

    /** Runs a demo afresh; the published criteria are where the plan puts them, within three points of the report's. */
    private static void checkScores(String demo, Path data) throws Exception {
        assertEquals(0, run(data, null, null, "--fresh", "--demo", demo, "--exit").exit(), "the launcher's exit status");
        DemoSpec spec = DemoSpec.load(demo);
        JsonNode report = JSON.readTree(data.resolve("reports").resolve(spec.id() + "-1.json").toFile());
        assertEquals("PUBLISHED", report.path("status").asText());
        Map<String, Integer> scores = criterionScores(report);
        assertEquals(new java.util.TreeMap<>(spec.published().criteria()), scores, "every criterion at its published score");
        assertPrintedQuestionsKept(demo, spec, report);
        scores.forEach((c, score) -> {
            if (spec.published().comments().containsKey(c)) {
                assertEquals(spec.published().comments().get(c), report.path("chapters").findParents("criterionId").stream()
                        .filter(ch -> ch.path("criterionId").asText().equals(c)).findFirst().orElseThrow()
                        .path("conclusion").asText(), c);
            }
        });
        for (JsonNode t : report.path("threads")) {
            Integer published = spec.published().threads().get(t.path("id").asText());
            if (published != null) {
                assertTrue(Math.abs(t.path("score").path("display").asInt() - published) <= 3, t.path("id").asText());
            }
        }
        assertEquals(spec.sample().size(), report.path("sample").path("submitted").asInt());
    }

    /**
     * Each question the report printed a figure for is within a point of it, or the nearest whole case; in a criterion
     * whose printed figures had to move to reach its published score, within that move too (PlanTest.SHIFTED).
     */
    private static void assertPrintedQuestionsKept(String demo, DemoSpec spec, JsonNode report) {
        int checked = 0;
        for (JsonNode chapter : report.path("chapters")) {
            double[] moved = PlanTest.SHIFTED.get(demo).getOrDefault(chapter.path("criterionId").asText(), new double[] {0, 0});
            double allowance = Math.max(Math.abs(moved[0]), Math.abs(moved[1]));
            for (JsonNode q : chapter.path("questions")) {
                var printed = spec.printed().questions().get(q.path("id").asText());
                if (printed != null && printed.percent() != null && q.path("applicable").asInt() > 0) {
                    int n = q.path("applicable").asInt();
                    double achieved = 100.0 * q.path("sufficient").asInt() / n;
                    assertTrue(Math.abs(achieved - printed.percent()) <= allowance + Math.max(1.0, 50.0 / n) + 1e-9,
                            q.path("id").asText() + ": " + q.path("sufficient").asInt() + "/" + n + " against printed "
                                    + printed.percent());
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, checked + " printed questions in the report");
    }

    private static Map<String, Integer> criterionScores(JsonNode report) {
        Map<String, Integer> scores = new java.util.TreeMap<>();
        for (JsonNode c : report.path("chapters")) {
            if (c.path("score").has("display")) {
                scores.put(c.path("criterionId").asText(), c.path("score").path("display").asInt());
            }
        }
        return scores;
    }

    private static List<List<String>> gradeRows(DemoSpec spec) {
        List<List<String>> rows = new ArrayList<>();
        spec.published().grades().forEach((c, g) -> rows.add(List.of(c, g)));
        return rows;
    }

    /** A table's rows as cell texts; for the grades table, the criterion's id alone from its first cell. */
    private static List<List<String>> rows(XPath xpath, Document html, String table) throws Exception {
        NodeList trs = (NodeList) xpath.evaluate("//table[@id='" + table + "']//tr[td]", html, XPathConstants.NODESET);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < trs.getLength(); i++) {
            NodeList tds = (NodeList) xpath.evaluate("td", trs.item(i), XPathConstants.NODESET);
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < tds.getLength(); j++) {
                Node td = tds.item(j);
                String cell = td.getTextContent().trim();
                cells.add(table.equals("grades") && j == 0 ? cell.split(" ")[0] : cell);
            }
            rows.add(cells);
        }
        return rows;
    }

    record Run(List<String> output, int exit) {}

    /**
     * Runs the launcher until it exits (five minutes at most): its lines and exit status.
     * When a line matches {@code killWhen}, the named child is killed with SIGKILL (once).
     */
    private static Run run(Path data, java.util.function.Predicate<String> killWhen, String victim, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ROOT.resolve("devstack/target/devstack.jar") + ":" + ROOT.resolve("devstack/target/lib") + "/*",
                Devstack.class.getName(), "--data-dir", data.toString(), "--port-offset", Integer.toString(OFFSET)));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            boolean killed = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[demo] " + line);
                    output.add(line);
                    if (!killed && killWhen != null && killWhen.test(line)) {
                        killed = true;
                        long pid = Launched.pid(data, victim);
                        System.out.println("[demo-it] kill -9 " + victim + " (" + pid + ")");
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
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
                ChildProcess.stop(p.toHandle(), Duration.ofSeconds(60));
            }
        }
        reader.join(5000);
        System.out.printf("[demo-it] %s took %d s%n", String.join(" ", args), (System.nanoTime() - started) / 1_000_000_000L);
        return new Run(List.copyOf(output), p.exitValue());
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), url);
        return JSON.readTree(r.body());
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
