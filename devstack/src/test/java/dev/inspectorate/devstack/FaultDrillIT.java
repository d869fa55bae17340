package dev.inspectorate.devstack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform as ./platform runs it, with an inspector recording judgements without pause while the scoring
 * service, the case-assessment service, the Kafka broker and PostgreSQL's postmaster are each killed with SIGKILL
 * and started again by the launcher. Afterwards the scores must count every accepted judgement exactly once, equal
 * a from-scratch replay, and the topic must carry every case's events with no gap, whatever was redelivered.
 */
class FaultDrillIT {
    static final int OFFSET = 5000;
    static final String CASES = "http://localhost:" + (8081 + OFFSET);
    static final String SCORING = "http://localhost:" + (8082 + OFFSET);
    static final Path DATA = Launched.ROOT.resolve("devstack/target/fault-drill-data");
    static final String ID = "omi2-fault-drill";
    /** Questions of criterion 1.2 that apply to every case. */
    static final List<String> QUESTIONS = List.of("1.2.01", "1.2.02", "1.2.03", "1.2.04");
    static final List<String> ANSWERS = List.of("SUFFICIENT", "INSUFFICIENT", "NOT_APPLICABLE");
    static final int CASE_COUNT = 12;
    /** Judgements the inspector must get accepted after each kill before the next one. */
    static final int AFTER_EACH_FAULT = 25;

    Launched platform;

    @AfterEach
    void stopPlatform() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void noJudgementIsLostOrCountedTwiceWhenServicesTheBrokerAndTheDatabaseAreKilled() throws Exception {
        platform = Launched.start(DATA, OFFSET, "--fresh");
        String lead = TokenMinter.forDataDir(DATA).mint("helen.boocock", null, "lead-inspector");
        openInspection(lead);

        Inspector inspector = new Inspector(lead);
        Thread writing = new Thread(inspector, "inspector");
        writing.start();
        awaitAccepted(inspector, AFTER_EACH_FAULT);
        for (String victim : List.of("scoring-service", "case-assessment-service", "kafka", "postgres")) {
            boolean postgres = victim.equals("postgres");
            long pid = postgres ? Launched.postmasterPid(DATA) : Launched.pid(DATA, victim);
            int before = inspector.accepted.get();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            String restarted = postgres ? "PostgreSQL (pid " + pid + ") is gone; starting it again"
                    : victim + " exited with code 137; starting it again";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    platform.output.contains(restarted));
            awaitAccepted(inspector, before + AFTER_EACH_FAULT);
        }
        inspector.stop = true;
        writing.join(Duration.ofSeconds(200).toMillis());
        assertNull(inspector.failure, () -> "the inspector's judgements were refused: " + inspector.failure);
        System.out.printf("fault drill: %d judgements accepted, %d retried after a lost connection or a 503%n",
                inspector.accepted.get(), inspector.retries.get());

        // The scores count the last accepted answer of every case and question, once.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode questions = json(given().auth().oauth2(lead).get(SCORING + "/inspections/{id}/scores/questions", ID)
                    .then().statusCode(200).extract().asByteArray());
            Map<String, String> actual = new TreeMap<>();
            for (JsonNode q : questions) {
                if (QUESTIONS.contains(q.path("questionId").asText())) {
                    actual.put(q.path("questionId").asText(), q.path("sufficient").asInt() + "/" + q.path("applicable").asInt());
                }
            }
            assertEquals(expectedTallies(inspector.answers), actual);
        });

        // A from-scratch replay of the topic through the scoring projection gives the same counts and scores.
        String operator = TokenMinter.forDataDir(DATA).mint("omar", null, "operator");
        JsonNode replay = json(given().auth().oauth2(operator).post(SCORING + "/projections/scoring/replays")
                .then().statusCode(200).extract().asByteArray());
        assertTrue(replay.path("matchesLive").asBoolean(), "the replay differs from the live projection: " + replay);

        // The topic holds each case's events 1..version with no gap; a redelivery repeats an event's id.
        Map<String, Long> versions = new HashMap<>();
        for (int c = 1; c <= CASE_COUNT; c++) {
            String etag = given().auth().oauth2(lead).get(CASES + "/inspections/{id}/cases/{case}", ID, caseId(c))
                    .then().statusCode(200).extract().header("ETag");
            versions.put("case-" + ID + "/" + caseId(c), Long.parseLong(etag.replace("\"", "")));
        }
        Map<String, Map<Long, CloudEvent>> streams = readTopic(versions);
        Map<String, String> published = new HashMap<>();
        int judgementEvents = 0;
        for (var stream : versions.entrySet()) {
            Map<Long, CloudEvent> events = streams.get(stream.getKey());
            assertEquals(stream.getValue(), (long) events.size(), "events of " + stream.getKey() + " on the topic");
            for (CloudEvent e : events.values()) {
                if (e.type().equals("judgement.recorded")) {
                    JsonNode data = json(e.data());
                    published.put(data.path("caseId").asText() + " " + data.path("questionId").asText(), data.path("answer").asText());
                    judgementEvents++;
                }
            }
        }
        assertEquals(new TreeMap<>(inspector.answers), new TreeMap<>(published), "the last published answer of each case and question");
        int accepted = inspector.accepted.get();
        int changed = inspector.changed.get();
        int retried = inspector.retries.get();
        // A judgement that repeats the pair's current answer appends nothing, so a retry whose first send was
        // recorded adds no event: exactly one event per accepted change.
        assertEquals(changed, judgementEvents, judgementEvents + " judgement events for " + accepted
                + " accepted judgements (" + changed + " of them changes) and " + retried + " retries");

        // SIGTERM to the launcher alone (a service manager's stop) leaves none of its processes running.
        platform.stop();
        assertEquals(List.of(), Launched.platformPids(DATA), "processes left after SIGTERM");
        platform = null;
    }

    private static void openInspection(String lead) {
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body("""
                        {"id": "%s", "area": "Thames Valley", "framework": "omi2", "title": "Fault drill",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(ID))
                .post(CASES + "/inspections").then().statusCode(201);
        List<String> cases = new ArrayList<>();
        for (int c = 1; c <= CASE_COUNT; c++) {
            cases.add("""
                    {"caseId": "%s", "caseType": "community-order", "roshLevel": "medium", "gender": "female",
                     "ethnicity": "white"}""".formatted(caseId(c)));
        }
        given().auth().oauth2(lead).contentType(ContentType.JSON).body("[" + String.join(",", cases) + "]")
                .post(CASES + "/inspections/{id}/cases", ID).then().statusCode(201);
    }

    private static void awaitAccepted(Inspector inspector, int count) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (inspector.failure != null) {
                throw new AssertionError("the inspector's judgement was refused: " + inspector.failure);
            }
            return inspector.accepted.get() >= count;
        });
    }

    /** sufficient/applicable per question, worked out from the answers the service accepted. */
    private static Map<String, String> expectedTallies(Map<String, String> answers) {
        Map<String, String> out = new TreeMap<>();
        for (String q : QUESTIONS) {
            long sufficient = answers.entrySet().stream()
                    .filter(a -> a.getKey().endsWith(" " + q) && a.getValue().equals("SUFFICIENT")).count();
            long applicable = answers.entrySet().stream()
                    .filter(a -> a.getKey().endsWith(" " + q) && !a.getValue().equals("NOT_APPLICABLE")).count();
            out.put(q, sufficient + "/" + applicable);
        }
        return out;
    }

    /** Every event of the given streams on the inspection topic, by sequence, once each stream is complete. */
    private static Map<String, Map<Long, CloudEvent>> readTopic(Map<String, Long> versions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (9092 + OFFSET));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Map<Long, CloudEvent>> streams = new HashMap<>();
        versions.keySet().forEach(s -> streams.put(s, new TreeMap<>()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INSPECTION_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!versions.entrySet().stream().allMatch(v -> streams.get(v.getKey()).size() == v.getValue())) {
                assertTrue(System.nanoTime() < deadline, "the topic did not carry every event within 120 s");
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent e = KafkaCloudEvents.fromRecord(r);
                    Map<Long, CloudEvent> stream = streams.get(e.subject());
                    if (stream == null) {
                        continue;
                    }
                    CloudEvent earlier = stream.putIfAbsent(e.sequence(), e);
                    if (earlier != null) {
                        assertEquals(earlier.id(), e.id(), "two different events at " + e.subject() + " #" + e.sequence());
                    }
                }
            }
        }
        return streams;
    }

    private static String caseId(int c) {
        return "C%02d".formatted(c);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records random judgements one after another as fast as the service takes them. A judgement that meets a
     * dropped connection or a 503 is sent again until it is accepted, as a client would; anything else is a failure.
     */
    static final class Inspector implements Runnable {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final String token;
        final Random random = new Random(2026);
        /** "case question" to the answer last accepted. */
        final Map<String, String> answers = new ConcurrentHashMap<>();
        final AtomicInteger accepted = new AtomicInteger();
        /** Accepted judgements that changed the pair's answer (the first of a pair included). */
        final AtomicInteger changed = new AtomicInteger();
        /** Sends repeated after an outcome the inspector could not know: the first may have been recorded. */
        final AtomicInteger retries = new AtomicInteger();
        volatile boolean stop;
        volatile String failure;

        Inspector(String token) {
            this.token = token;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    String caseId = caseId(1 + random.nextInt(CASE_COUNT));
                    String question = QUESTIONS.get(random.nextInt(QUESTIONS.size()));
                    String answer = ANSWERS.get(random.nextInt(ANSWERS.size()));
                    record(caseId, question, answer);
                    if (!answer.equals(answers.put(caseId + " " + question, answer))) {
                        changed.incrementAndGet();
                    }
                    accepted.incrementAndGet();
                }
            } catch (Exception | AssertionError e) {
                failure = e.toString();
            }
        }

        private void record(String caseId, String question, String answer) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(CASES + "/inspections/" + ID + "/cases/" + caseId
                            + "/judgements/" + question))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"answer\": \"" + answer + "\"}")).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                    if (r.statusCode() != 503) {
                        throw new AssertionError(caseId + " " + question + " answered " + r.statusCode() + ": " + r.body());
                    }
                } catch (ConnectException e) {
                    // Nothing was sent: not a retry of an unknown outcome.
                    Thread.sleep(200);
                    checkDeadline(deadline);
                    continue;
                } catch (IOException e) {
                    // The connection dropped with the request in flight.
                }
                retries.incrementAndGet();
                Thread.sleep(200);
                checkDeadline(deadline);
            }
        }

        private static void checkDeadline(long deadline) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a judgement was not accepted within 180 s");
            }
        }
    }
}
