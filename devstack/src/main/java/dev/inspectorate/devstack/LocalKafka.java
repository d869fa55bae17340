package dev.inspectorate.devstack;

import dev.inspectorate.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/** A single-node KRaft Kafka broker in its own JVM, with storage in the data folder and the platform's topics. */
final class LocalKafka {
    private LocalKafka() {}

    static ChildProcess start(DataDir data, int port, int controllerPort) throws IOException, InterruptedException {
        Path dir = data.kafka();
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        // The class path goes in the environment: Linux shows only the first 4 KiB of a command line to other
        // processes, and the data folder's marker must stay readable there to find the broker after a crash.
        Map<String, String> env = Map.of("CLASSPATH", System.getProperty("java.class.path"));
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC");
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.startJava(data, "kafka-format", jvm,
                    List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                    env);
            if (!format.waitFor(Duration.ofSeconds(60)) || format.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + data.log("kafka-format"));
            }
        }
        return ChildProcess.startJava(data, "kafka", jvm, List.of("kafka.Kafka", config.toString()), env);
    }

    /** Waits until the broker answers, then creates any missing topic and dead-letter topic. */
    static void createTopics(String bootstrap, Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(props)) {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = new ArrayList<>();
                for (String t : Topics.ALL) {
                    for (String name : List.of(t, Topics.deadLetter(t))) {
                        if (!existing.contains(name)) {
                            missing.add(new NewTopic(name, 1, (short) 1));
                        }
                    }
                }
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                }
                return;
            } catch (Exception e) {
                last = new IllegalStateException("Kafka at " + bootstrap + " is not ready: " + e, e);
                Thread.sleep(500);
            }
        }
        throw last != null ? last : new IllegalStateException("Kafka did not start");
    }
}
