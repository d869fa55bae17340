package dev.inspectorate.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.devstack.Devstack;
import dev.inspectorate.devstack.Launched;
import dev.inspectorate.devstack.TokenMinter;
import dev.inspectorate.devstack.demo.DemoSpec;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.Question;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The benchmark: starts the platform as ./platform does (fresh, with the Thames Valley demo for a 171-case report),
 * measures judgement ingest, freshness, replay and report rendering through the public APIs, measures the raw
 * limits of the same PostgreSQL and broker, and writes the results beside the goals.
 */
public final class Benchmark {
    static final String ID = "omi2-benchmark";
    static final int CASES = 2000;
    static final int CLIENTS = 16;
    static final int BATCH = 1000;
    static final int BATCH_CLIENTS = 2;
    /** The goals' rate, and a lower one this machine can sustain, to show latency and freshness without queueing. */
    static final List<Double> STEADY_RATES = List.of(100.0, 500.0);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final int offset;
    private final long replayEvents;
    private final Duration phase;
    private final List<String> questions;
    private final List<String[]> table = new ArrayList<>();
    private String lead;

    private Benchmark(Path data, int offset, long replayEvents, Duration phase) {
        this.data = data;
        this.offset = offset;
        this.replayEvents = replayEvents;
        this.phase = phase;
        CaseCharacteristics c = aCase();
        this.questions = Catalogues.of(Framework.OMI2).questions().stream().filter(q -> q.canApplyTo(c)).map(Question::id).toList();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path data = Path.of(options.getOrDefault("data-dir", ".benchmark")).toAbsolutePath().normalize();
        Path out = Path.of(options.getOrDefault("out", "benchmark-results")).toAbsolutePath().normalize();
        Benchmark b = new Benchmark(data, Integer.parseInt(options.getOrDefault("port-offset", "3000")),
                Long.parseLong(options.getOrDefault("events", "1000000")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30"))));
        Path written = b.run(out);
        System.out.println("Results: " + written);
        System.exit(0);
    }

    Path run(Path out) throws Exception {
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        say("Starting the platform in %s with the Thames Valley demo (about 3 minutes) ...", data);
        Launched platform = Launched.start(data, offset, false, "--fresh", "--demo", "thames-valley");
        Thread stopper = new Thread(platform::stop);
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            platform.awaitLine("Ctrl-C stops everything", Duration.ofMinutes(15));
            if (platform.output.stream().noneMatch(l -> l.startsWith("Demo done"))) {
                throw new IllegalStateException("the demo failed: " + platform.output);
            }
            TokenMinter tokens = TokenMinter.forDataDir(data);
            lead = tokens.mint("benchmark.lead", null, "lead-inspector");
            measure(tokens);
        } finally {
            platform.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        Files.createDirectories(out);
        Path file = out.resolve(started + ".md");
        Files.writeString(file, markdown());
        return file;
    }

    /**
     * The platform's phases first, the raw limits last: the Kafka producer test writes half a gigabyte, and the
     * write-back behind it would slow every commit measured after it.
     */
    private void measure(TokenMinter tokens) throws Exception {
        String bootstrap = "localhost:" + (9092 + offset);
        Load.Result single;
        Load.Result batches;
        double relayRate;
        JsonNode replayed;
        List<Runnable> later = new ArrayList<>();
        try (Admin admin = admin(bootstrap)) {
            openInspection();

            say("Single judgements: %d clients, %d s ...", CLIENTS, phase.toSeconds());
            int perClient = CASES / CLIENTS;
            single = Load.closedLoop(CLIENTS, Duration.ofSeconds(10), phase, (w, i) ->
                    judge(w + CLIENTS * (int) (i % perClient), (int) ((i / perClient) % questions.size()), i), 1, 200);
            say("  %s/s, p50 %s, p99 %s", count(single.itemsPerSecond()), ms(single.percentileMillis(50)), ms(single.percentileMillis(99)));
            drain(admin);

            for (double rate : STEADY_RATES) {
                say("Steady load: %.0f judgements/s for %d s, with freshness ...", rate, phase.toSeconds());
                later.addAll(steady(rate));
                drain(admin);
            }

            say("Batches of %d: %d clients, %d s ...", BATCH, BATCH_CLIENTS, phase.toSeconds());
            batches = Load.closedLoop(BATCH_CLIENTS, Duration.ofSeconds(5), phase, this::batch, BATCH, 201);
            say("  %s judgements/s, batch p50 %s, p99 %s", count(batches.itemsPerSecond()), ms(batches.percentileMillis(50)),
                    ms(batches.percentileMillis(99)));

            say("Filling inspection-events to %s events ...", count(replayEvents));
            relayRate = fill(admin);
            say("  relay: %s events/s", count(relayRate));

            say("Replaying inspection-events through the scoring projection ...");
            HttpRequest replay = HttpRequest.newBuilder(URI.create(base(8082) + "/projections/scoring/replays"))
                    .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + tokens.mint("benchmark.operator", null, "operator"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = Load.HTTP.send(replay, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("replay answered " + r.statusCode() + ": " + r.body());
            }
            replayed = JSON.readTree(r.body());
            say("  %s", replayed);
        }

        say("Report rendering (171-case Thames Valley report) ...");
        later.addAll(reports(tokens.mint("benchmark.reader", null, "reader")));

        List<String> memory = new ArrayList<>();
        for (String service : List.of("case-assessment-service", "scoring-service", "performance-data-service", "reporting-service", "kafka")) {
            memory.add(service.replace("-service", "") + " " + Devstack.rssMiB(Launched.pid(data, service)));
        }

        say("Limits: PostgreSQL inserts ...");
        String url = Limits.prepareDatabase(15432 + offset);
        Limits.Rate pgSingle = Limits.singleRowInserts(url, CLIENTS, Duration.ofSeconds(10));
        Limits.Rate pgBatch = Limits.batchedInserts(url, BATCH_CLIENTS, BATCH, Duration.ofSeconds(10));
        say("  single rows %s/s, batched %s rows/s", count(pgSingle.perSecond()), count(pgBatch.perSecond()));
        say("Limits: Kafka producer and consumer performance tools ...");
        Limits.createRawTopic(bootstrap);
        Limits.Rate kafkaProduce = Limits.kafkaProduce(bootstrap, 1_000_000, 512);
        Limits.Rate kafkaConsume = Limits.kafkaConsume(bootstrap, 1_000_000);
        say("  produce %s records/s, consume %s records/s", count(kafkaProduce.perSecond()), count(kafkaConsume.perSecond()));

        row("Single judgements, " + CLIENTS + " clients", "%s/s (p50 %s, p99 %s)".formatted(
                        count(single.itemsPerSecond()), ms(single.percentileMillis(50)), ms(single.percentileMillis(99))),
                ">= 1,500/s", "PostgreSQL single-row inserts, " + CLIENTS + " connections: " + count(pgSingle.perSecond()) + "/s",
                single.itemsPerSecond() / pgSingle.perSecond(), single.failed());
        later.forEach(Runnable::run);
        row("Batches of " + BATCH + ", " + BATCH_CLIENTS + " clients", "%s judgements/s (batch p50 %s, p99 %s)".formatted(
                        count(batches.itemsPerSecond()), ms(batches.percentileMillis(50)), ms(batches.percentileMillis(99))),
                ">= 20,000/s", "PostgreSQL batched inserts (unnest, " + BATCH + " rows), " + BATCH_CLIENTS + " connections: "
                        + count(pgBatch.perSecond()) + " rows/s",
                batches.itemsPerSecond() / pgBatch.perSecond(), batches.failed());
        row("Outbox relay to inspection-events, while batches arrive", "%s events/s".formatted(count(relayRate)), "",
                "Kafka producer perf test (512-byte records, acks=all): " + count(kafkaProduce.perSecond()) + " records/s",
                relayRate / kafkaProduce.perSecond(), 0);
        double eventsPerSecond = replayed.path("eventsPerSecond").asDouble();
        row("Projection replay of " + count(replayed.path("events").asLong()) + " events",
                "%s events/s; %s".formatted(count(eventsPerSecond), replayed.path("matchesLive").asBoolean()
                        ? "equal to the live projection" : "DIFFERS from the live projection " + replayed.path("differences")),
                ">= 50,000/s", "Kafka consumer perf test: " + count(kafkaConsume.perSecond()) + " records/s",
                eventsPerSecond / kafkaConsume.perSecond(), 0);
        row("Resident memory after the run (MiB)", String.join(", ", memory), "each service <= 300 MiB", "", Double.NaN, 0);
    }

    private void openInspection() throws Exception {
        send("POST", "/inspections", """
                {"id": "%s", "area": "Benchmark", "framework": "omi2", "title": "Benchmark inspection",
                 "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(ID), 201);
        for (int from = 0; from < CASES; from += 500) {
            List<String> cases = new ArrayList<>();
            for (int c = from; c < Math.min(CASES, from + 500); c++) {
                cases.add("""
                        {"caseId": "%s", "caseType": "community-order", "roshLevel": "medium", "gender": "female", "ethnicity": "white"}"""
                        .formatted(caseId(c)));
            }
            send("POST", "/inspections/" + ID + "/cases", "[" + String.join(",", cases) + "]", 201);
        }
    }

    private void send(String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(8081) + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + lead).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = Load.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpRequest judge(int caseIndex, int questionIndex, long i) {
        return HttpRequest.newBuilder(URI.create(base(8081) + "/inspections/" + ID + "/cases/" + caseId(caseIndex)
                        + "/judgements/" + questions.get(questionIndex)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + lead)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"answer\": \"" + answer(i) + "\"}")).build();
    }

    /** A batch over the client's own half of the cases, one judgement per case, a different question each round. */
    private HttpRequest batch(int client, long round) {
        int share = CASES / BATCH_CLIENTS;
        StringBuilder body = new StringBuilder("{\"judgements\": [");
        for (int k = 0; k < BATCH; k++) {
            int caseIndex = client * share + k % share;
            String question = questions.get((int) ((round * 7 + k / share) % questions.size()));
            body.append(k == 0 ? "" : ",").append("{\"caseId\":\"").append(caseId(caseIndex)).append("\",\"questionId\":\"")
                    .append(question).append("\",\"answer\":\"").append(answer(round + k)).append("\"}");
        }
        body.append("]}");
        return HttpRequest.newBuilder(URI.create(base(8081) + "/inspections/" + ID + "/judgements"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + lead)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /**
     * Judgements at a steady rate: their latency, and their freshness: from the judgement accepted to the first
     * scores.changed on score-events whose asAt (the time of the latest judgement it includes) is at or after the
     * judgement's own recordedAt.
     */
    private List<Runnable> steady(double rate) throws Exception {
        record Accepted(Instant at, Instant recordedAt) {}
        record Revision(Instant received, Instant asAt) {}
        List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Revision> revisions = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORE_EVENTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(20))) {
                        Instant received = Instant.now();
                        if (ID.equals(rec.key()) && "scores.changed".equals(KafkaCloudEvents.get(rec.headers(), KafkaCloudEvents.TYPE))) {
                            revisions.add(new Revision(received, Instant.parse(JSON.readTree(rec.value()).path("asAt").asText())));
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "score-events");
        listener.start();
        Thread.sleep(2000);
        Load.Result steady = Load.openLoop(rate, phase, i ->
                judge((int) (i % CASES), (int) ((i / CASES + 3) % questions.size()), i), 200, r -> {
                    try {
                        JsonNode detail = JSON.readTree(r.body());
                        String question = r.uri().getPath().substring(r.uri().getPath().lastIndexOf('/') + 1);
                        for (JsonNode j : detail.path("judgements")) {
                            if (question.equals(j.path("questionId").asText())) {
                                accepted.add(new Accepted(Instant.now(), Instant.parse(j.path("recordedAt").asText())));
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(5000);
        listening.set(false);
        listener.join();
        String latency = "p50 %s, p99 %s, p99.9 %s".formatted(
                ms(steady.percentileMillis(50)), ms(steady.percentileMillis(99)), ms(steady.percentileMillis(99.9)));
        say("  %s", latency);

        List<Revision> byTime = new ArrayList<>(revisions);
        Histogram freshness = Load.histogram();
        long unmatched = 0;
        for (Accepted a : accepted) {
            Revision first = byTime.stream().filter(v -> !v.asAt().isBefore(a.recordedAt())).findFirst().orElse(null);
            if (first == null) {
                unmatched++;
                continue;
            }
            freshness.recordValue(Math.max(1, Duration.between(a.at(), first.received()).toNanos() / 1000));
        }
        String fresh = "p50 %s, p99 %s (%d judgements, %d revisions; %d never seen)".formatted(
                ms(freshness.getValueAtPercentile(50) / 1000.0), ms(freshness.getValueAtPercentile(99) / 1000.0),
                accepted.size(), byTime.size(), unmatched);
        say("  freshness %s", fresh);
        return List.of(
                () -> row("Single judgements offered at " + (int) rate + "/s", latency, rate == 500 ? "p99 <= 50 ms" : "",
                        "", Double.NaN, steady.failed()),
                () -> row("Freshness at " + (int) rate + " judgements/s: accepted to scores.changed received", fresh,
                        rate == 500 ? "p99 <= 500 ms" : "", "", Double.NaN, 0));
    }

    /**
     * Batches until inspection-events holds the replay's events, then waits for the relay and scoring to finish.
     * Answers the relay's rate: events published over the time from the first batch to the topic's last event.
     */
    private double fill(Admin admin) throws Exception {
        long startOffset = endOffset(admin);
        long started = System.nanoTime();
        long round = 1_000_000;
        while (endOffset(admin) < replayEvents) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < BATCH_CLIENTS; c++) {
                int client = c;
                long r = round++;
                Thread t = new Thread(() -> Load.send(batch(client, r), 201, null));
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) {
                t.join();
            }
        }
        long[] lastGrowth = {System.nanoTime()};
        long published = drain(admin, lastGrowth) - startOffset;
        return published / ((lastGrowth[0] - started) / 1e9);
    }

    private List<Runnable> reports(String reader) {
        String id = DemoSpec.load("thames-valley").id();
        List<Runnable> rows = new ArrayList<>();
        Map<String, Object[]> kinds = new LinkedHashMap<>();
        kinds.put("application/json", new Object[] {"JSON", 300, "p95 <= 50 ms"});
        kinds.put("text/html", new Object[] {"HTML", 200, "p95 <= 150 ms"});
        kinds.put("application/pdf", new Object[] {"PDF", 30, "p95 <= 1.5 s"});
        for (var kind : kinds.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base(8084) + "/reports/" + id)).timeout(Duration.ofMinutes(1))
                    .header("Authorization", "Bearer " + reader).header("Accept", kind.getKey()).GET().build();
            int n = (Integer) kind.getValue()[1];
            Load.Result r = Load.sequential(request, n / 10, n, 200);
            String result = "p50 %s, p95 %s, p99 %s (%d requests)".formatted(
                    ms(r.percentileMillis(50)), ms(r.percentileMillis(95)), ms(r.percentileMillis(99)), r.ok());
            say("  %s: %s", kind.getValue()[0], result);
            rows.add(() -> row("Report " + kind.getValue()[0] + " (published version), one client", result, (String) kind.getValue()[2], "",
                    Double.NaN, r.failed()));
        }
        return rows;
    }

    /** Waits until the relay has published everything and scoring has consumed it. */
    private void drain(Admin admin) throws Exception {
        drain(admin, new long[1]);
    }

    /**
     * Waits until the topic has stopped growing and scoring's committed position has reached its end (less one:
     * a transaction's last offset is its commit marker, which no consumer commits past), both steady for three
     * seconds. Answers the end offset; {@code lastGrowth[0]} gets when it last grew.
     */
    private long drain(Admin admin, long[] lastGrowth) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        long lastEnd = -1;
        long lastConsumed = -1;
        int steady = 0;
        while (System.nanoTime() < deadline) {
            long end = endOffset(admin);
            var committed = admin.listConsumerGroupOffsets("scoring-service").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long consumed = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.INSPECTION_EVENTS))
                    .mapToLong(e -> e.getValue().offset()).sum();
            if (end != lastEnd) {
                lastGrowth[0] = System.nanoTime();
            }
            steady = end == lastEnd && consumed == lastConsumed && consumed >= end - 1 ? steady + 1 : 0;
            if (steady >= 3) {
                return end;
            }
            lastEnd = end;
            lastConsumed = consumed;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the relay and scoring did not catch up within 15 minutes");
    }

    private static long endOffset(Admin admin) throws Exception {
        TopicPartition p = new TopicPartition(Topics.INSPECTION_EVENTS, 0);
        return admin.listOffsets(Map.of(p, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(30, TimeUnit.SECONDS).get(p).offset();
    }

    private Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (9092 + offset));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private void row(String measure, String result, String goal, String limit, double fraction, long failed) {
        table.add(new String[] {measure, result + (failed > 0 ? " (" + failed + " failed)" : ""), goal, limit,
                Double.isNaN(fraction) ? "" : "%.0f%%".formatted(fraction * 100)});
        say("  %s: %s", measure, result);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# Benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + "\n\n");
        md.append("Machine: ").append(Machine.describe()).append("\n\n");
        md.append("Everything ran on this one machine: the platform (four services, PostgreSQL, Kafka) and the load "
                + "generator share its cores. `./platform benchmark` measured it.\n\n");
        md.append("| Measure | Result | Goal | Limit on this machine | Of the limit |\n|---|---|---|---|---|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return md.toString();
    }

    private String base(int port) {
        return "http://localhost:" + (port + offset);
    }

    private static CaseCharacteristics aCase() {
        try {
            return JSON.readValue("""
                    {"caseType": "community-order", "roshLevel": "medium", "gender": "female", "ethnicity": "white"}""",
                    CaseCharacteristics.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String caseId(int index) {
        return "C%04d".formatted(index + 1);
    }

    private static String answer(long i) {
        return switch ((int) Math.floorMod(i * 2654435761L, 3L)) {
            case 0 -> "SUFFICIENT";
            case 1 -> "INSUFFICIENT";
            default -> "NOT_APPLICABLE";
        };
    }

    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    static String ms(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
