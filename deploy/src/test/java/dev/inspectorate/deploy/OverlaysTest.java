package dev.inspectorate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, every object passes its schema, and the objects fit together as the design says. */
class OverlaysTest {
    static final Path OVERLAYS = Path.of("k8s/overlays");
    /** Partitions per topic (ARCHITECTURE.md, Events: 12 in deployments, 1 in development). */
    static final Map<String, Integer> PARTITIONS = Map.of("dev", 1, "prod", 12);
    static final Set<String> TOPICS = Set.of("inspection-events", "score-events", "performance-events", "report-events",
            "inspection-events.dlq", "score-events.dlq", "performance-events.dlq", "report-events.dlq");
    static final Map<String, String> DATABASES = Map.of("case-assessment-service", "case_assessment",
            "scoring-service", "scoring", "performance-data-service", "performance_data", "reporting-service", "reporting");

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void thereAreTheTwoOverlays() throws IOException {
        assertEquals(PARTITIONS.keySet(), overlays().collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectPassesItsSchema(String overlay) {
        ManifestValidator validator = new ManifestValidator();
        List<ObjectNode> objects = Kustomize.build(OVERLAYS.resolve(overlay));
        List<String> errors = objects.stream().flatMap(o -> validator.validate(o).stream()).toList();
        assertEquals(List.of(), errors);
        Map<String, Long> kinds = objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), TreeMap::new, Collectors.counting()));
        assertEquals(Map.ofEntries(Map.entry("ConfigMap", 1L), Map.entry("Deployment", 4L), Map.entry("Service", 4L),
                Map.entry("HorizontalPodAutoscaler", 4L), Map.entry("PodDisruptionBudget", 4L), Map.entry("Ingress", 1L),
                Map.entry("NetworkPolicy", 3L), Map.entry("Namespace", 1L), Map.entry("Kafka", 1L), Map.entry("KafkaNodePool", 1L),
                Map.entry("KafkaTopic", 8L), Map.entry("Cluster", 1L), Map.entry("Database", 3L)), kinds);
        ObjectNode namespace = objects.stream().filter(o -> o.path("kind").asText().equals("Namespace")).findFirst().orElseThrow();
        String ns = namespace.at("/metadata/name").asText();
        assertTrue(ns.startsWith("inspectorate"), ns);
        assertEquals("restricted", namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText(),
                "the cluster enforces the restricted pod security standard");
        assertTrue(objects.stream().filter(o -> o != namespace).allMatch(o -> o.path("metadata").path("namespace").asText().equals(ns)),
                "every other object is placed in the overlay's namespace");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploymentsRunRestrictedWithProbesAndLimits(String overlay) {
        Rendered r = new Rendered(Kustomize.build(OVERLAYS.resolve(overlay)));
        for (JsonNode d : r.all("Deployment")) {
            String name = d.at("/metadata/name").asText();
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode c = pod.at("/containers/0");
            assertEquals(1, pod.path("containers").size(), name);
            assertFalse(d.at("/spec").has("replicas"), name + ": the HPA owns the replica count");
            assertTrue(c.path("image").asText().matches(".+:[^/]+"), name + ": image has a tag: " + c.path("image"));
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), name);
            for (String q : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
                assertFalse(c.at("/resources" + q).isMissingNode(), name + ": resources" + q);
            }
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name);
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), name);
            assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), name);
            assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name);
            assertEquals("[\"ALL\"]", c.at("/securityContext/capabilities/drop").toString(), name);
            String tmpVolume = stream(c.path("volumeMounts")).filter(m -> m.path("mountPath").asText().equals("/tmp"))
                    .map(m -> m.path("name").asText()).findFirst().orElseThrow(() -> new AssertionError(name + ": no /tmp"));
            assertTrue(stream(pod.path("volumes")).anyMatch(v -> v.path("name").asText().equals(tmpVolume) && v.has("emptyDir")), name);
            // Database URLs name the service's own database; credentials only by reference to Secrets.
            Map<String, JsonNode> env = stream(c.path("env")).collect(Collectors.toMap(e -> e.path("name").asText(), e -> e));
            assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText().endsWith("/" + DATABASES.get(name)), name);
            assertTrue(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").path("value").asText().endsWith("/" + DATABASES.get(name)), name);
            assertTrue(env.get("QUARKUS_DATASOURCE_PASSWORD").has("valueFrom"), name);
            for (JsonNode ref : c.findValues("configMapRef")) {
                assertTrue(r.find("ConfigMap", ref.path("name").asText()) != null, name + " uses a ConfigMap that is not rendered: " + ref);
            }
        }
        assertTrue(r.all("Secret").isEmpty(), "no Secret is committed");
    }

    /**
     * The cross-object rules (Rules: Services, HPAs and PDBs find their Deployments, NetworkPolicies admit exactly
     * the designed traffic, every pod is admissible under the restricted standard) hold in every overlay.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theRulesAcrossObjectsHold(String overlay) {
        assertEquals(List.of(), Rules.check(Kustomize.build(OVERLAYS.resolve(overlay))));
    }

    /**
     * The namespace enforces the restricted Pod Security Standard: every object that makes pods (Deployments,
     * Strimzi's Kafka node pools and entity operator, CloudNativePG's Cluster; everyObjectPassesItsSchema pins
     * the kinds, so no other pod maker can slip in unchecked).
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodIsAdmissibleUnderTheRestrictedStandard(String overlay) {
        Rendered r = new Rendered(Kustomize.build(OVERLAYS.resolve(overlay)));
        for (JsonNode d : r.all("Deployment")) {
            JsonNode c = d.at("/spec/template/spec/containers/0/securityContext");
            assertEquals(List.of(), Rules.restricted("d", d.at("/spec/template/spec/securityContext"), Map.of("c", c)), d.at("/metadata/name").asText());
        }
        JsonNode kafka = r.all("Kafka").get(0);
        for (JsonNode pool : r.all("KafkaNodePool")) {
            assertTrue(pool.at("/spec/template").isMissingNode(), "the pool inherits the Kafka resource's template");
        }
        assertEquals(List.of(), Rules.restricted("brokers", kafka.at("/spec/kafka/template/pod/securityContext"),
                Map.of("kafka", kafka.at("/spec/kafka/template/kafkaContainer/securityContext"))));
        assertEquals(List.of(), Rules.restricted("entity operator", kafka.at("/spec/entityOperator/template/pod/securityContext"),
                Map.of("topic-operator", kafka.at("/spec/entityOperator/template/topicOperatorContainer/securityContext"))));
        // The contexts that Rules.restricted requires, spelled out once.
        JsonNode broker = kafka.at("/spec/kafka/template/kafkaContainer/securityContext");
        assertTrue(kafka.at("/spec/kafka/template/pod/securityContext/runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", kafka.at("/spec/kafka/template/pod/securityContext/seccompProfile/type").asText());
        assertFalse(broker.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", broker.at("/capabilities/drop").toString());
        // CloudNativePG's own defaults are restricted; the Cluster overrides none of them.
        JsonNode cluster = r.all("Cluster").get(0).path("spec");
        for (String field : List.of("seccompProfile", "podSecurityContext", "securityContext")) {
            assertFalse(cluster.has(field), "the Cluster keeps CloudNativePG's restricted default for " + field);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void referencesResolve(String overlay) {
        Rendered r = new Rendered(Kustomize.build(OVERLAYS.resolve(overlay)));
        for (JsonNode b : r.find("Ingress", "inspectorate").findValues("service")) {
            JsonNode s = r.find("Service", b.path("name").asText());
            assertTrue(s != null && stream(s.at("/spec/ports")).anyMatch(p -> p.path("name").asText().equals(b.at("/port/name").asText())), "Ingress backend " + b);
        }
        String kafka = r.all("Kafka").get(0).at("/metadata/name").asText();
        for (String kind : List.of("KafkaTopic", "KafkaNodePool")) {
            r.all(kind).forEach(t -> assertEquals(kafka, t.at("/metadata/labels/strimzi.io~1cluster").asText(), kind + " " + t.at("/metadata/name")));
        }
        JsonNode cluster = r.all("Cluster").get(0);
        Set<String> owners = stream(cluster.at("/spec/managed/roles")).map(role -> role.path("name").asText()).collect(Collectors.toSet());
        Map<String, String> databases = new TreeMap<>(Map.of(cluster.at("/spec/bootstrap/initdb/database").asText(), cluster.at("/spec/bootstrap/initdb/owner").asText()));
        for (JsonNode db : r.all("Database")) {
            assertEquals(cluster.at("/metadata/name").asText(), db.at("/spec/cluster/name").asText());
            assertTrue(owners.contains(db.at("/spec/owner").asText()), "owner of " + db.at("/spec/name") + " is a managed role");
            databases.put(db.at("/spec/name").asText(), db.at("/spec/owner").asText());
        }
        assertEquals(new TreeMap<>(DATABASES.values().stream().collect(Collectors.toMap(n -> n, n -> n))), databases,
                "one database per service, owned by the role of the same name");
        // A service logs in with the same Secret that sets its role's password.
        Set<String> roleSecrets = stream(cluster.at("/spec/managed/roles")).map(role -> role.at("/passwordSecret/name").asText()).collect(Collectors.toSet());
        roleSecrets.add(cluster.at("/spec/bootstrap/initdb/secret/name").asText());
        for (JsonNode d : r.all("Deployment")) {
            d.findValues("secretKeyRef").forEach(ref -> assertTrue(roleSecrets.contains(ref.path("name").asText()), "Secret " + ref));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void partitionsReplicasAndConnectionsAddUp(String overlay) throws IOException {
        Rendered r = new Rendered(Kustomize.build(OVERLAYS.resolve(overlay)));
        Map<String, Integer> partitions = new TreeMap<>();
        r.all("KafkaTopic").forEach(t -> partitions.put(t.at("/metadata/name").asText(), t.at("/spec/partitions").asInt()));
        assertEquals(TOPICS, partitions.keySet());
        assertEquals(Set.of(PARTITIONS.get(overlay)), new HashSet<>(partitions.values()), "partitions in " + overlay);
        int brokers = r.all("KafkaNodePool").get(0).at("/spec/replicas").asInt();
        r.all("KafkaTopic").forEach(t -> assertTrue(t.at("/spec/replicas").asInt() <= brokers, "topic replicas <= brokers"));
        // Each service reads its topics in one consumer group: pods beyond the partitions would idle.
        for (String service : DATABASES.keySet()) {
            Properties config = applicationProperties(service);
            for (String key : config.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    String topic = config.getProperty(key);
                    assertTrue(r.find("HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt() <= partitions.get(topic),
                            service + " scales no further than the partitions of " + topic);
                }
            }
        }

        // Every pod at its HPA maximum, plus the rolling update's surge pod, gets its pools.
        int reactive = Integer.parseInt(r.find("ConfigMap", "inspectorate-config").at("/data/QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asText());
        int needed = 0;
        for (JsonNode h : r.all("HorizontalPodAutoscaler")) {
            String service = h.at("/metadata/name").asText();
            int pods = h.at("/spec/maxReplicas").asInt() + 1;
            needed += pods * (reactive + Integer.parseInt(applicationProperties(service).getProperty("quarkus.datasource.jdbc.max-size")));
        }
        int maxConnections = Integer.parseInt(r.all("Cluster").get(0).at("/spec/postgresql/parameters/max_connections").asText());
        assertTrue(needed <= maxConnections - 3, needed + " connections needed, max_connections " + maxConnections
                + " less 3 reserved for superusers");
    }

    static Properties applicationProperties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("..", service, "src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    static boolean selects(JsonNode matchLabels, JsonNode deployment) {
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        return matchLabels.size() > 0 && StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields).spliterator(), false)
                .allMatch(e -> labels.path(e.getKey()).equals(e.getValue()));
    }

    static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** The rendered objects of one overlay, by kind and name. */
    record Rendered(List<ObjectNode> objects) {
        List<JsonNode> all(String kind) {
            return new ArrayList<>(objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList());
        }

        JsonNode find(String kind, String name) {
            return all(kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst().orElse(null);
        }
    }
}
