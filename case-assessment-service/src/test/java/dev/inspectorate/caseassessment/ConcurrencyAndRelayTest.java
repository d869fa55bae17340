package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.INSPECTOR;
import static dev.inspectorate.caseassessment.Api.ORDER;
import static dev.inspectorate.caseassessment.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import dev.inspectorate.testing.TestInfrastructure;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Racing writers, and the relay: commit-safe order, nothing skipped or doubled, and the broker going away. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class ConcurrencyAndRelayTest {
    @Inject
    EventLog log;

    @Inject
    Pool pool;

    @Test
    void twoWritersRacingOnOneCaseOneWinsOneGets409() throws Exception {
        String id = "omi2-race";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                long version = as(INSPECTOR).get("/inspections/{id}/cases/C001", id).then().extract().jsonPath()
                        .getLong("summary.version");
                int historyBefore = history(id);
                CyclicBarrier start = new CyclicBarrier(2);
                List<CompletableFuture<Response>> racers = new ArrayList<>();
                for (String answer : List.of("SUFFICIENT", "INSUFFICIENT")) {
                    racers.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return as(INSPECTOR).header("If-Match", "\"" + version + "\"")
                                .body("{\"answer\": \"" + answer + "\"}")
                                .put("/inspections/{id}/cases/C001/judgements/1.2.01", id);
                    }, pool2));
                }
                List<Response> answers = new ArrayList<>();
                for (var r : racers) {
                    answers.add(r.get());
                }
                answers.sort(java.util.Comparator.comparingInt(Response::statusCode));
                assertEquals(List.of(200, 409), answers.stream().map(Response::statusCode).toList(), "round " + round);
                // The loser learns the winner's version, whether it lost at If-Match or at the append.
                Response lost = answers.get(1);
                assertEquals("\"" + (version + 1) + "\"", lost.header("ETag"), "round " + round);
                assertEquals(version + 1, lost.jsonPath().getLong("currentVersion"), "round " + round);
                assertEquals(historyBefore + 1, history(id), "exactly one change in round " + round);
            }
        } finally {
            pool2.shutdown();
        }
    }

    @Test
    void aCommandThatLosesAtTheAppendGets409WithTheStreamsCurrentVersion() {
        String id = "omi2-race-append";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        long version = as(INSPECTOR).get("/inspections/{id}/cases/C001", id).then().extract().jsonPath()
                .getLong("summary.version");
        // Another writer's event lands after the command loaded the case: written straight to the log, so the
        // command still sees the old version, passes If-Match and fails only at the append.
        log.transaction(tx -> log.append(tx, judgement(id, "C001", version + 1))).await().indefinitely();
        as(INSPECTOR).header("If-Match", "\"" + version + "\"").body("{\"answer\": \"SUFFICIENT\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then().statusCode(409)
                .contentType("application/problem+json")
                .header("ETag", "\"" + (version + 1) + "\"")
                .body("currentVersion", org.hamcrest.Matchers.equalTo((int) version + 1))
                .body("stream", org.hamcrest.Matchers.equalTo(Streams.ofCase(id, "C001")));
    }

    @Test
    void aJudgementWaitsForAClosureInFlightAndIsThenRefused() throws Exception {
        String id = "omi2-close-race";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        int historyBefore = history(id);
        // Stands in for a closure between its lock and its commit (a real one cannot be paused there).
        SqlConnection closer = pool.getConnection().await().indefinitely();
        Transaction closing = closer.begin().await().indefinitely();
        CompletableFuture<Response> judging;
        try {
            // The lock a closure takes (WriteModel.Lock.UPDATE).
            closer.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('inspection'), hashtext($1))").execute(Tuple.of(id))
                    .await().indefinitely();
            judging = CompletableFuture.supplyAsync(() -> as(INSPECTOR).body("{\"answer\": \"SUFFICIENT\"}")
                    .put("/inspections/{id}/cases/C001/judgements/1.2.01", id));
            Thread.sleep(1500);
            assertEquals(false, judging.isDone(), "the judgement must wait for the closure");
            closer.preparedQuery("UPDATE inspection SET status = 'CLOSED' WHERE id = $1").execute(Tuple.of(id))
                    .await().indefinitely();
            closing.commit().await().indefinitely();
        } finally {
            closer.close().await().indefinitely();
        }
        Response r = judging.get();
        assertEquals(409, r.statusCode(), r.asString());
        assertEquals(List.of("inspection"), r.jsonPath().getList("violations.field"));
        assertEquals(historyBefore, history(id), "nothing recorded after the closure");
    }

    @Test
    void eventsCommittedOutOfOrderAllReachKafkaInOrderNoneTwice() throws Exception {
        String id = "relay-out-of-order";
        // T1 appends first but commits last: the relay must wait for it, not skip its lower position.
        SqlConnection c1 = pool.getConnection().await().indefinitely();
        Transaction t1 = c1.begin().await().indefinitely();
        log.append(c1, judgement(id, "A", 1)).await().indefinitely();
        SqlConnection c2 = pool.getConnection().await().indefinitely();
        Transaction t2 = c2.begin().await().indefinitely();
        log.append(c2, judgement(id, "B", 1)).await().indefinitely();
        t2.commit().await().indefinitely();
        c2.close().await().indefinitely();
        Thread.sleep(1500); // several relay cycles while T1 is still open
        t1.commit().await().indefinitely();
        c1.close().await().indefinitely();

        // Then many concurrent appends to several streams of the same inspection.
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String stream = "S" + w;
            done.add(CompletableFuture.runAsync(() -> {
                for (int v = 1; v <= 25; v++) {
                    long version = v;
                    log.transaction(tx -> log.append(tx, judgement(id, stream, version))).await().indefinitely();
                }
            }, writers));
        }
        for (var d : done) {
            d.get();
        }
        writers.shutdown();

        int expected = 2 + 8 * 25;
        List<CloudEvent> events = TopicReader.events(Topics.INSPECTION_EVENTS, id, expected, Duration.ofSeconds(60));
        assertEquals(expected, events.size(), "every event, none twice");
        assertEquals(expected, events.stream().map(CloudEvent::id).distinct().count());
        Map<String, Long> lastSequence = new HashMap<>();
        for (CloudEvent e : events) {
            long previous = lastSequence.getOrDefault(e.subject(), 0L);
            assertEquals(previous + 1, e.sequence(), "in order within " + e.subject());
            lastSequence.put(e.subject(), e.sequence());
        }
        // The late committer's event, with the lower position, was published before the early committer's.
        List<String> firstTwo = events.stream().map(CloudEvent::subject).filter(s -> s.endsWith("/A") || s.endsWith("/B")).toList();
        assertEquals(List.of(Streams.ofCase(id, "A"), Streams.ofCase(id, "B")), firstTwo);
    }

    @Test
    void withTheBrokerStoppedCommandsSucceedAndEveryEventArrivesOnceItReturns() {
        String id = "omi2-broker-down";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"), ORDER.formatted("C002"));
        Api.assign(id, "C001", "martin.jolly");
        Api.assign(id, "C002", "martin.jolly");
        // opened, three team members, two cases sampled and assigned
        TopicReader.events(Topics.INSPECTION_EVENTS, id, 8, Duration.ofSeconds(30));
        TestInfrastructure.stopKafka();
        Set<String> questions = new HashSet<>(List.of("1.2.01", "1.2.02", "1.2.03", "1.2.04", "1.2.05"));
        try {
            for (String q : questions) {
                Api.judge(INSPECTOR, id, "C001", q, "SUFFICIENT").statusCode(200);
                Api.judge(INSPECTOR, id, "C002", q, "INSUFFICIENT").statusCode(200);
            }
            // The relay backlog gauge shows what waits for the broker: the ten judgements.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> backlog() == 10.0);
        } finally {
            TestInfrastructure.startKafka();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> backlog() == 0.0);
        long stored = pool.preparedQuery("SELECT count(*) AS n FROM events WHERE inspection_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong("n");
        // Each relay batch is a Kafka transaction: a batch cut off by the outage is aborted and sent again whole,
        // so a committed reader sees every event once, in order.
        List<CloudEvent> events = TopicReader.readUntil(Topics.INSPECTION_EVENTS,
                        rs -> rs.stream().filter(r -> id.equals(r.key())).map(r -> KafkaCloudEvents.fromRecord(r).id())
                                .distinct().count() >= stored, Duration.ofSeconds(90)).stream()
                .filter(r -> id.equals(r.key())).map(KafkaCloudEvents::fromRecord).toList();
        assertEquals(stored, events.size(), "every event, none twice");
        assertEquals(10, events.stream().filter(e -> e.type().equals("judgement.recorded")).count());
        Map<String, Long> lastSequence = new HashMap<>();
        for (CloudEvent e : events) {
            assertEquals(lastSequence.getOrDefault(e.subject(), 0L) + 1, e.sequence(), "in order within " + e.subject());
            lastSequence.put(e.subject(), e.sequence());
        }
    }

    /** The relay backlog gauge of inspection-events, as Prometheus scrapes it. */
    private static double backlog() {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        var m = java.util.regex.Pattern.compile("(?m)^outbox_backlog\\{[^}]*topic=\"inspection-events\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void oneIdleTransactionCannotStallTheRelayForLong() {
        // The relay publishes only below the oldest running transaction: a connection left idle in a transaction
        // would hold it back for good, so the server ends such a transaction after a minute.
        String timeout = pool.query("SHOW idle_in_transaction_session_timeout").execute().await().indefinitely()
                .iterator().next().getString(0);
        assertEquals("1min", timeout);
    }

    private int history(String id) {
        return as(INSPECTOR).get("/inspections/{id}/cases/C001/history", id).then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private static StreamAppend judgement(String id, String caseId, long version) {
        return new StreamAppend(Streams.ofCase(id, caseId), version - 1, id,
                List.of(new JudgementRecorded(id, caseId, "1.2.01", Answer.SUFFICIENT, null, "test")), Map.of("actor", "test"));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
