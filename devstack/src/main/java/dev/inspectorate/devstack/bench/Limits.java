package dev.inspectorate.devstack.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the infrastructure itself does on this machine, measured in the same run: raw PostgreSQL inserts shaped
 * like the event store's, and Kafka's own producer and consumer performance tools on the platform's broker.
 */
final class Limits {
    /** A payload the size of a judgement.recorded event's data. */
    static final String PAYLOAD = "{\"inspectionId\":\"omi2-benchmark\",\"caseId\":\"C0001\",\"questionId\":\"1.2.01\","
            + "\"answer\":\"SUFFICIENT\",\"note\":null,\"assessor\":\"benchmark.inspector\"}";
    static final String RAW_TOPIC = "benchmark-raw";

    private Limits() {}

    record Rate(long count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    /** A scratch database with an events table like the platform's: unique (stream, version), jsonb data. */
    static String prepareDatabase(int pgPort) throws SQLException {
        try (Connection c = connect("jdbc:postgresql://localhost:" + pgPort + "/postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS benchmark");
            s.execute("CREATE DATABASE benchmark");
        }
        String url = "jdbc:postgresql://localhost:" + pgPort + "/benchmark";
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE raw_event (
                        global_position bigserial PRIMARY KEY,
                        stream_id text NOT NULL,
                        stream_version bigint NOT NULL,
                        data jsonb NOT NULL,
                        recorded_at timestamptz NOT NULL DEFAULT now(),
                        UNIQUE (stream_id, stream_version))""");
        }
        return url;
    }

    /** One row per transaction, from {@code threads} connections at once, for {@code duration}. */
    static Rate singleRowInserts(String url, int threads, Duration duration) throws Exception {
        return onConnections(url, threads, duration, (c, thread, end, rows) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO raw_event (stream_id, stream_version, data) VALUES (?, ?, ?::jsonb)")) {
                for (long v = 1; System.nanoTime() < end; v++) {
                    ps.setString(1, "single-" + thread);
                    ps.setLong(2, v);
                    ps.setString(3, PAYLOAD);
                    ps.executeUpdate();
                    rows.incrementAndGet();
                }
            }
        });
    }

    /** {@code batch} rows per transaction through unnest(), as the event store appends, for {@code duration}. */
    static Rate batchedInserts(String url, int threads, int batch, Duration duration) throws Exception {
        return onConnections(url, threads, duration, (c, thread, end, rows) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO raw_event (stream_id, stream_version, data)
                    SELECT * FROM unnest(?::text[], ?::bigint[], ?::jsonb[])""")) {
                String[] streams = new String[batch];
                Long[] versions = new Long[batch];
                String[] data = new String[batch];
                for (long round = 1; System.nanoTime() < end; round++) {
                    for (int i = 0; i < batch; i++) {
                        streams[i] = "batch-" + thread + "-" + i;
                        versions[i] = round;
                        data[i] = PAYLOAD;
                    }
                    ps.setArray(1, c.createArrayOf("text", streams));
                    ps.setArray(2, c.createArrayOf("bigint", versions));
                    ps.setArray(3, c.createArrayOf("text", data));
                    ps.executeUpdate();
                    rows.addAndGet(batch);
                }
            }
        });
    }

    /** What one connection does until {@code end} (a nanoTime), counting the rows it inserts. */
    private interface InsertLoop {
        void run(Connection c, int thread, long end, AtomicLong rows) throws SQLException;
    }

    private static Rate onConnections(String url, int threads, Duration duration, InsertLoop loop) throws Exception {
        AtomicLong rows = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try (Connection c = connect(url)) {
                    loop.run(c, thread, end, rows);
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Rate(rows.get(), (System.nanoTime() - started) / 1e9);
    }

    static void createRawTopic(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(RAW_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(RAW_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * kafka-producer-perf-test: {@code records} of {@code size} bytes, acks=all, as fast as they go. Answers
     * records per second from its summary line ("N records sent, R records/sec (...)").
     */
    static Rate kafkaProduce(String bootstrap, long records, int size) throws Exception {
        List<String> out = runTool("org.apache.kafka.tools.ProducerPerformance", "--topic", RAW_TOPIC,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
        String summary = out.stream().filter(l -> l.contains("records sent") && l.contains("99th")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no summary from the producer tool: " + out));
        double perSecond = Double.parseDouble(summary.replaceAll("^.*records sent, ([0-9.]+) records/sec.*$", "$1"));
        return new Rate(records, records / perSecond);
    }

    /**
     * kafka-consumer-perf-test over what the producer test wrote. Answers its fetch.nMsg.sec: records per
     * second while fetching, without the consumer group's join time.
     */
    static Rate kafkaConsume(String bootstrap, long records) throws Exception {
        List<String> out = runTool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                "--topic", RAW_TOPIC, "--messages", Long.toString(records), "--timeout", "60000");
        int header = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("start.time")) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= out.size()) {
            throw new IllegalStateException("no summary from the consumer tool: " + out);
        }
        List<String> names = List.of(out.get(header).split(",\\s*"));
        String[] values = out.get(header + 1).split(",\\s*");
        long consumed = Long.parseLong(values[names.indexOf("data.consumed.in.nMsg")].trim());
        double fetchRate = Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")].trim());
        return new Rate(consumed, consumed / fetchRate);
    }

    private static List<String> runTool(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " failed: " + String.join("\n", lines));
        }
        return lines;
    }
}
