package dev.inspectorate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docker-compose.yml passes the Compose schema and wires the platform as ARCHITECTURE.md, Operations, says. */
class ComposeTest {
    static final Path FILE = Path.of("../docker-compose.yml");
    static final JsonNode COMPOSE = Compose.load(FILE, Map.of());

    @Test
    void passesTheComposeSchema() {
        assertEquals(List.of(), Compose.validate(COMPOSE));
        // Also with every default overridden, as an operator's .env would.
        assertEquals(List.of(), Compose.validate(Compose.load(FILE, Map.of("TAG", "1.0.0", "POSTGRES_PASSWORD", "s3cret", "KEYCLOAK_PORT", "9180"))));
    }

    @Test
    void everyVariableHasADemoDefault() throws IOException {
        Matcher m = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}").matcher(Files.readString(FILE));
        assertFalse(m.find(), () -> "no default for " + m.group());
    }

    @Test
    void servicesWaitForHealthyDependencies() {
        assertEquals(List.of(), Compose.wiring(COMPOSE));
        // What the rule derives for this file: each service waits for everything it connects to, and for the topics.
        for (String service : OverlaysTest.DATABASES.keySet()) {
            assertEquals(Map.of("postgres", "service_healthy", "kafka", "service_healthy", "kafka-topics", "service_completed_successfully",
                    "keycloak", "service_healthy"), conditions(service), service);
        }
        assertEquals(Map.of("kafka", "service_healthy"), conditions("kafka-topics"));
    }

    private static Map<String, String> conditions(String service) {
        Map<String, String> conditions = new TreeMap<>();
        COMPOSE.at("/services/" + service + "/depends_on").fields().forEachRemaining(d -> conditions.put(d.getKey(), d.getValue().path("condition").asText()));
        return conditions;
    }

    @Test
    void theFourServicesAreBuiltFromTheirImagesAndConfiguredByEnvironment() throws IOException {
        for (Map.Entry<String, String> service : OverlaysTest.DATABASES.entrySet()) {
            String name = service.getKey();
            JsonNode s = COMPOSE.path("services").path(name);
            String port = OverlaysTest.applicationProperties(name).getProperty("quarkus.http.port");
            Path dockerfile = FILE.resolveSibling(s.at("/build/context").asText()).resolve(s.at("/build/dockerfile").asText());
            String image = Files.readString(dockerfile);
            assertTrue(image.contains("EXPOSE " + port), name + ": Dockerfile exposes " + port);
            assertTrue(image.matches("(?s).*\\nUSER [1-9][0-9]*\\n.*"), name + ": runs as a numeric non-root user");
            for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/")) {
                assertTrue(image.contains("COPY " + layer), name + ": copies " + layer);
            }
            assertTrue(s.at("/healthcheck/test").toString().contains("/" + port) && s.at("/healthcheck/test").toString().contains("/q/health/ready"), name);
            JsonNode env = s.path("environment");
            assertTrue(env.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText().endsWith("/" + service.getValue()), name);
            assertTrue(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText().endsWith("/" + service.getValue()), name);
            for (String key : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_TOKEN_ISSUER")) {
                assertFalse(env.path(key).asText().isEmpty(), name + " sets " + key);
            }
            assertEquals("http://keycloak:8080/realms/inspectorate", env.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText(), name);
        }
    }

    @Test
    void postgresGetsOneDatabasePerServiceAndKafkaEveryTopic() throws IOException {
        Set<String> created = Pattern.compile("CREATE DATABASE (\\w+);").matcher(Files.readString(Path.of("compose/postgres-init.sql")))
                .results().map(r -> r.group(1)).collect(Collectors.toSet());
        assertEquals(Set.copyOf(OverlaysTest.DATABASES.values()), created);
        String topics = COMPOSE.at("/services/kafka-topics/command").toString();
        for (String t : OverlaysTest.TOPICS) {
            assertTrue(t.endsWith(".dlq") ? topics.contains("$topic.dlq") : topics.contains(t), "kafka-topics creates " + t);
        }
    }
}
