package dev.inspectorate.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.devstack.TokenMinter;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Criterion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Re-enacts a published inspection through the platform's public APIs, as its users would: the lead opens it and
 * builds the team, imports the sample and assigns cases; inspectors and area assessors judge their cases at the
 * same time and submit them; the lead moderates a few judgements, grades section 4, loads the area's performance
 * data (as an analyst), writes the report and publishes it. Judgements come from a seed, so every run is the same.
 */
public final class Demo {
    static final long SEED = 2010;

    /** Where the services answer. */
    public record Urls(String cases, String scoring, String performance, String reporting) {}

    /** What the run produced: the published report's files, and published against achieved figures. */
    public record Result(Path json, Path html, Path pdf, Map<String, int[]> criteria, Map<String, int[]> sections,
            Map<String, int[]> threads,
            long seconds) {}

    private final DemoSpec spec;
    private final Urls urls;
    private final TokenMinter tokens;
    private final Path repoRoot;
    private final Consumer<String> say;
    /** The performance datasets loaded, which the report must show before it is published. */
    private final List<String> datasets = new ArrayList<>();

    public Demo(DemoSpec spec, Urls urls, TokenMinter tokens, Path repoRoot, Consumer<String> say) {
        this.spec = spec;
        this.urls = urls;
        this.tokens = tokens;
        this.repoRoot = repoRoot;
        this.say = say;
    }

    /** Where the demo stands in the platform: a restart runs it only if it is absent. */
    public enum State { ABSENT, INTERRUPTED, PUBLISHED }

    /** Done only once its report is published; an inspection without a publication was interrupted half way. */
    public State state() {
        if (new Api(urls.cases(), lead()).find("/inspections/" + spec.id()) == null) {
            return State.ABSENT;
        }
        Api reader = new Api(urls.reporting(), tokens.mint("reader", null, "reader"));
        return reader.find("/reports/" + spec.id() + "/publications/1") == null ? State.INTERRUPTED : State.PUBLISHED;
    }

    public Result run(Path outputDir) throws Exception {
        long started = System.nanoTime();
        String id = spec.id();
        Catalogue catalogue = Catalogues.of(spec.framework());
        Api lead = new Api(urls.cases(), lead());
        say.accept("Demo: " + spec.title() + " (" + catalogue.title() + "), re-enacted through the APIs");

        lead.post("/inspections", Map.of("id", id, "area", spec.area(), "framework", spec.framework().id(),
                "title", spec.title(), "fieldworkStart", spec.fieldworkStart().toString(),
                "fieldworkEnd", spec.fieldworkEnd().toString()));
        List<String> assessors = new ArrayList<>();
        for (String u : spec.team().inspectors()) {
            lead.put("/inspections/" + id + "/team/" + u, Map.of("role", "inspector"));
            assessors.add(u);
        }
        for (String u : spec.team().assessors()) {
            lead.put("/inspections/" + id + "/team/" + u, Map.of("role", "area-assessor"));
            assessors.add(u);
        }

        Plan plan = Plan.of(spec);
        List<CaseCharacteristics> cases = plan.cases;
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> e = Api.JSON.convertValue(cases.get(i), LinkedHashMap.class);
            e.put("caseId", caseId(i));
            entries.add(e);
        }
        lead.post("/inspections/" + id + "/cases", entries);
        // About a third of the cases go to the local area assessors, the rest to the inspectors.
        Map<String, List<Integer>> assigned = new LinkedHashMap<>();
        int third = cases.size() / 3;
        for (int i = 0; i < cases.size(); i++) {
            List<String> pool = i < third ? spec.team().assessors() : spec.team().inspectors();
            String who = pool.get(i % pool.size());
            lead.put("/inspections/" + id + "/cases/" + caseId(i) + "/assignee", Map.of("assignee", who));
            assigned.computeIfAbsent(who, k -> new ArrayList<>()).add(i);
        }
        say.accept(String.format(Locale.ROOT, "  sample of %d cases imported; team of %d assigned (%d cases to area assessors)",
                cases.size(), assessors.size() + 1, third));

        judgeConcurrently(id, assigned, plan);
        moderate(lead, id, cases, plan);

        for (var g : spec.published().grades().entrySet()) {
            lead.put("/inspections/" + id + "/grades/" + g.getKey(), Map.of("grade", g.getValue()));
        }
        // The lead confirms each criterion's conclusion, and each headline score's comment (OMI2), as the report
        // printed it, overriding the suggested band where the inspectors judged otherwise (West Midlands did, seven
        // times).
        Map<String, String> conclusions = new LinkedHashMap<>();
        Stream.of(spec.published().comments(), spec.published().threadComments()).filter(m -> m != null).forEach(conclusions::putAll);
        conclusions.forEach((c, conclusion) -> lead.put("/inspections/" + id + "/conclusions/" + c, Map.of("conclusion", conclusion)));
        // The area's analyst: an analyst's token must name the area whose figures they load.
        Api analyst = new Api(urls.performance(), tokens.mint("area.analyst", spec.area(), "performance-analyst"));
        for (String file : spec.performance()) {
            JsonNode d = analyst.postCsv("/datasets", Files.readString(repoRoot.resolve(file)));
            datasets.add(d.path("id").asText());
            say.accept("  performance data loaded: " + d.path("id").asText() + " (" + d.path("framework").asText() + ")");
        }
        lead.post("/inspections/" + id + "/closure", null);

        Api reporting = new Api(urls.reporting(), lead());
        long revision = awaitScores(id, cases.size());
        awaitReport(reporting, id, revision);
        writeReport(reporting, id, catalogue);
        JsonNode published = reporting.post("/reports/" + id + "/publications", null);
        int number = published.path("publication").asInt();
        Files.createDirectories(outputDir);
        Api reader = new Api(urls.reporting(), tokens.mint("reader", null, "reader"));
        String base = "/reports/" + id + "/publications/" + number;
        Path json = outputDir.resolve(id + "-" + number + ".json");
        Path html = outputDir.resolve(id + "-" + number + ".html");
        Path pdf = outputDir.resolve(id + "-" + number + ".pdf");
        Files.write(json, reader.download(base, "application/json"));
        Files.write(html, reader.download(base, "text/html"));
        Files.write(pdf, reader.download(base, "application/pdf"));

        Map<String, int[]> criteria = new LinkedHashMap<>();
        for (JsonNode c : published.path("chapters")) {
            Integer p = spec.published().criteria().get(c.path("criterionId").asText());
            if (p != null && c.path("score").has("display")) {
                criteria.put(c.path("criterionId").asText(), new int[] {p, c.path("score").path("display").asInt()});
            }
        }
        Map<String, int[]> sections = new LinkedHashMap<>();
        for (JsonNode x : published.path("sections")) {
            Integer p = spec.published().sections().get(x.path("id").asText());
            if (p != null && x.path("score").has("display")) {
                sections.put(x.path("id").asText(), new int[] {p, x.path("score").path("display").asInt()});
            }
        }
        if (spec.published().overall() != null && published.path("overall").has("display")) {
            sections.put("overall", new int[] {spec.published().overall(), published.path("overall").path("display").asInt()});
        }
        Map<String, int[]> threads = new LinkedHashMap<>();
        for (JsonNode t : published.path("threads")) {
            Integer p = spec.published().threads().get(t.path("id").asText());
            if (p != null && t.path("score").has("display")) {
                threads.put(t.path("name").asText(), new int[] {p, t.path("score").path("display").asInt()});
            }
        }
        return new Result(json, html, pdf, criteria, sections, threads, (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Each assessor works through their cases in their own thread: one form (batch) per case, then submits it. */
    private void judgeConcurrently(String id, Map<String, List<Integer>> assigned, Plan plan) throws Exception {
        int total = assigned.values().stream().mapToInt(List::size).sum();
        AtomicBoolean done = new AtomicBoolean();
        Thread progress = new Thread(() -> progress(id, total, done), "demo-progress");
        progress.setDaemon(true);
        progress.start();
        ExecutorService team = Executors.newFixedThreadPool(assigned.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (var a : assigned.entrySet()) {
                Api as = new Api(urls.cases(), tokens.mint(a.getKey(), isAssessor(a.getKey()) ? spec.area() : null,
                        isAssessor(a.getKey()) ? "area-assessor" : "inspector"));
                work.add(team.submit(() -> {
                    for (int i : a.getValue()) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        plan.answers.get(i).forEach((q, answer) -> batch.add(
                                Map.of("caseId", caseId(i), "questionId", q, "answer", answer.name())));
                        if (!batch.isEmpty()) {
                            as.post("/inspections/" + id + "/judgements", Map.of("judgements", batch));
                        }
                        as.post("/inspections/" + id + "/cases/" + caseId(i) + "/submission", null);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            team.shutdown();
            done.set(true);
            progress.join(5000);
        }
    }

    /** Prints, every few seconds, the cases submitted and the scores as scoring publishes them. */
    private void progress(String id, int total, AtomicBoolean done) {
        Api lead = new Api(urls.cases(), lead());
        Api scoring = new Api(urls.scoring(), lead());
        String last = "";
        while (!done.get()) {
            try {
                Thread.sleep(2000);
                int submitted = 0;
                int judgements = 0;
                for (JsonNode p : lead.get("/inspections/" + id + "/progress")) {
                    submitted += p.path("submitted").asInt();
                    judgements += p.path("judgements").asInt();
                }
                JsonNode s = scoring.poll("/inspections/" + id + "/scores");
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "  judging: %3d of %d cases submitted, %5d judgements", submitted, total, judgements));
                if (s != null) {
                    s.path("scores").path("threads").fields().forEachRemaining(t ->
                            line.append(", ").append(t.getKey()).append(' ').append(t.getValue().path("display").asInt()));
                    // Compactly, as criterion:score.
                    StringJoiner criteria = new StringJoiner(" ", "; criteria ", "").setEmptyValue("");
                    s.path("scores").path("criteria").fields().forEachRemaining(c ->
                            criteria.add(c.getKey() + ":" + c.getValue().path("display").asInt()));
                    line.append(criteria);
                }
                if (!line.toString().equals(last)) {
                    say.accept(line.toString());
                    last = line.toString();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Progress is informative only.
            }
        }
    }

    /**
     * The lead moderates three judgements up and three down on one question, with reasons, so the figures stay
     * as planned while the moderation trail is real: the first question with three of each to moderate.
     */
    private void moderate(Api lead, String id, List<CaseCharacteristics> cases, Plan plan) {
        String question = plan.planned.keySet().stream().filter(q -> Stream.of(Answer.SUFFICIENT, Answer.INSUFFICIENT)
                .allMatch(answer -> plan.answers.stream().filter(a -> a.get(q) == answer).count() >= 3))
                .findFirst().orElseThrow();
        int up = 0;
        int down = 0;
        for (int i = 0; i < cases.size() && (up < 3 || down < 3); i++) {
            Answer a = plan.answers.get(i).get(question);
            if (a == Answer.INSUFFICIENT && up < 3) {
                lead.put("/inspections/" + id + "/cases/" + caseId(i) + "/judgements/" + question + "/moderation",
                        Map.of("answer", "SUFFICIENT", "reason", "Evidence on file the assessor missed"));
                up++;
            } else if (a == Answer.SUFFICIENT && down < 3) {
                lead.put("/inspections/" + id + "/cases/" + caseId(i) + "/judgements/" + question + "/moderation",
                        Map.of("answer", "INSUFFICIENT", "reason", "Below the standard on a second reading"));
                down++;
            }
        }
        say.accept("  the lead inspector moderated " + (up + down) + " judgements on question " + question);
    }

    /** Waits until scoring has counted every case's submission; returns its revision. */
    private long awaitScores(String id, int cases) throws InterruptedException {
        Api scoring = new Api(urls.scoring(), lead());
        for (int i = 0; i < 600; i++) {
            JsonNode s = scoring.poll("/inspections/" + id + "/scores");
            if (s != null && s.path("scores").path("sample").path("submitted").asInt() == cases) {
                Thread.sleep(1500);
                JsonNode again = scoring.poll("/inspections/" + id + "/scores");
                if (again != null && again.path("revision").asLong() == s.path("revision").asLong()) {
                    return s.path("revision").asLong();
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("scoring did not count all " + cases + " submitted cases in time");
    }

    private void awaitReport(Api reporting, String id, long revision) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode r = reporting.poll("/reports/" + id);
            if (r != null && r.path("scoresRevision").asLong() >= revision && r.findValuesAsText("datasetId").containsAll(datasets)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the report did not catch up with the scores in time");
    }

    /** The report's words: the published report's own, and for each criterion the suggested findings accepted. */
    private void writeReport(Api reporting, String id, Catalogue catalogue) {
        DemoSpec.Editorial ed = spec.editorial();
        String base = "/reports/" + id + "/content/";
        if (ed.foreword() != null) {
            reporting.put(base + "foreword", Map.of("text", ed.foreword()));
        }
        if (ed.context() != null) {
            reporting.put(base + "context", Map.of("text", ed.context()));
        }
        if (ed.nextSteps() != null) {
            reporting.put(base + "next-steps", Map.of("text", ed.nextSteps()));
        }
        if (ed.recommendations() != null && !ed.recommendations().isEmpty()) {
            reporting.put(base + "recommendations", Map.of("items", ed.recommendations()));
        }
        if (ed.goodPractice() != null && !ed.goodPractice().isEmpty()) {
            reporting.put(base + "good-practice", Map.of("items", ed.goodPractice()));
        }
        if (ed.serviceUsers() != null) {
            reporting.put(base + "service-users", Map.of("text", ed.serviceUsers()));
        }
        if (ed.summaries() != null) {
            ed.summaries().forEach((section, text) -> reporting.put(base + "summaries/" + section, Map.of("text", text)));
        }
        Map<String, List<String>> strengths = new LinkedHashMap<>();
        Map<String, List<String>> improvements = new LinkedHashMap<>();
        for (JsonNode s : reporting.get("/reports/" + id + "/suggestions")) {
            String c = s.path("criterionId").asText();
            var target = "strength".equals(s.path("kind").asText()) ? strengths : improvements;
            List<String> list = target.computeIfAbsent(c, k -> new ArrayList<>());
            if (list.size() < 3) {
                list.add(s.path("text").asText());
            }
        }
        for (Criterion c : catalogue.criteria()) {
            if (c.caseScored()) {
                reporting.put(base + "criteria/" + c.id(), Map.of("strengths", strengths.getOrDefault(c.id(), List.of()),
                        "improvements", improvements.getOrDefault(c.id(), List.of())));
            }
        }
        say.accept("  the lead inspector wrote the report (recommendations, summaries, findings accepted from suggestions)");
    }

    private boolean isAssessor(String user) {
        return spec.team().assessors().contains(user);
    }

    private String lead() {
        return tokens.mint(spec.team().lead(), null, "lead-inspector");
    }

    static String caseId(int i) {
        return String.format(Locale.ROOT, "C%03d", i + 1);
    }

    /** The published figures beside the demo's, as a table for the terminal. */
    public static List<String> comparison(Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-40s %9s %6s", "", "published", "demo"));
        r.criteria().forEach((c, v) -> lines.add(String.format(Locale.ROOT, "  criterion %-30s %9d %6d", c, v[0], v[1])));
        r.sections().forEach((x, v) -> lines.add(String.format(Locale.ROOT, "  %-40s %9d %6d",
                x.equals("overall") ? "overall" : "section " + x, v[0], v[1])));
        r.threads().forEach((t, v) -> lines.add(String.format(Locale.ROOT, "  %-40.40s %9d %6d", t, v[0], v[1])));
        return lines;
    }
}
