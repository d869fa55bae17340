package dev.inspectorate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks fail on deliberately broken manifests (src/test/resources/broken), naming what is wrong. */
class BrokenManifestsTest {
    static final Path BROKEN = Path.of("src/test/resources/broken");
    /**
     * Each broken file and a word its error must contain. A directory is an overlay of the prod overlay that
     * breaks one thing, so the check is shown to fail on that one change to otherwise valid manifests.
     */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("deployment-unknown-field.yaml", "imagePullPolcy"),
            Map.entry("deployment-wrong-type.yaml", "runAsNonRoot"),
            Map.entry("deployment-selector-mismatch.yaml", "spec.selector: {\"app\":\"broken\"} does not match"),
            Map.entry("hpa-string-replicas.yaml", "maxReplicas"),
            Map.entry("hpa-unknown-target-type.yaml", "spec.metrics[0].resource.target.type: 'Utilisation' is not one of"),
            Map.entry("ingress-removed-api.yaml", "extensions/v1beta1"),
            Map.entry("ingress-unknown-path-type.yaml", "spec.rules[0].http.paths[0].pathType: 'Prefixx' is not one of"),
            Map.entry("ingress-without-path-type.yaml", "spec.rules[0].http.paths[0]: pathType is required"),
            Map.entry("networkpolicy-unknown-protocol.yaml", "spec.ingress[0].ports[0].protocol: 'TCPX' is not one of"),
            Map.entry("kafkatopic-unknown-field.yaml", "partition"),
            Map.entry("kafka-wrong-type.yaml", "port"),
            Map.entry("cnpg-cluster-wrong-type.yaml", "instances"),
            Map.entry("cnpg-database-unknown-field.yaml", "clusterName"),
            Map.entry("networkpolicy-allow-all", "inspectorate/inspectorate-db: ingress[0] admits every peer (no 'from')"),
            Map.entry("networkpolicy-extra-port", "admits traffic the design does not: inspectorate-services{app.kubernetes.io/component=api,"
                    + "app.kubernetes.io/part-of=inspection-platform} ingress from ns{kubernetes.io/metadata.name=ingress-nginx} pods{app.kubernetes.io/name=ingress-nginx} TCP/5005"),
            Map.entry("service-selects-nothing", "Service inspectorate/scoring-service: selector {\"app.kubernetes.io/name\":\"scoring\"} selects no Deployment"),
            Map.entry("hpa-unknown-deployment", "HorizontalPodAutoscaler inspectorate/reporting-service: scaleTargetRef"),
            Map.entry("pdb-selects-nothing", "PodDisruptionBudget inspectorate/case-assessment-service: selector"),
            Map.entry("deployment-privilege-escalation", "scoring-service container scoring-service: allowPrivilegeEscalation must be false"),
            Map.entry("kafka-baseline-pods", "dual-role (pods of Kafka inspectorate) container kafka: runAsNonRoot must be true"),
            Map.entry("nodepool-own-template", "dual-role (pods of Kafka inspectorate) container kafka: capabilities.drop must contain ALL"),
            Map.entry("cnpg-unconfined-seccomp", "spec.seccompProfile.type must be RuntimeDefault"),
            Map.entry("compose-unknown-condition.yml", "condition"),
            Map.entry("compose-missing-depends-on.yml", "app needs db but has no depends_on entry for it"),
            Map.entry("compose-depends-on-unknown-service.yml", "app depends_on cache, but there is no service cache"),
            Map.entry("compose-depends-on-no-healthcheck.yml", "app depends_on db being healthy, but db has no healthcheck"));

    static Stream<String> files() {
        return EXPECTED.keySet().stream().sorted();
    }

    @Test
    void everyBrokenFileHasAnExpectation() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            assertEquals(EXPECTED.keySet(), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void isRejected(String file) {
        Path path = BROKEN.resolve(file);
        List<String> errors;
        if (file.startsWith("compose-")) {
            JsonNode compose = Compose.load(path, Map.of());
            errors = Stream.concat(Compose.validate(compose).stream(), Compose.wiring(compose).stream()).toList();
        } else {
            List<ObjectNode> objects = Files.isDirectory(path) ? Kustomize.build(path) : Kustomize.readAll(path);
            ManifestValidator validator = new ManifestValidator();
            errors = Stream.concat(objects.stream().flatMap(o -> validator.validate(o).stream()), Rules.check(objects).stream()).toList();
        }
        assertTrue(errors.stream().anyMatch(e -> e.contains(EXPECTED.get(file))), file + " gave " + errors);
    }

    @Test
    void cnpgChecksEveryField() {
        List<String> errors = new ManifestValidator().validate(Kustomize.readAll(BROKEN.resolve("cnpg-cluster-wrong-type.yaml")).get(0));
        assertTrue(errors.stream().anyMatch(e -> e.contains("max_connections")), errors.toString());
    }

    @Test
    void aPatchThatDoesNotApplyFailsTheRender(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources:
                  - %s
                patches:
                  - target:
                      kind: Deployment
                      name: scoring-service
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/1/image
                        value: nothing-there
                """.formatted(Path.of("k8s/base").toAbsolutePath()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(overlay));
        assertTrue(e.getMessage().contains("does not apply"), e.getMessage());
    }

    @Test
    void aKustomizeFeatureTheRendererLacksIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels: {team: x}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("commonLabels"), e.getMessage());
    }

    @Test
    void theValidatorKnowsEveryKindItIsGiven() {
        Set<String> unknown = Set.of("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
        unknown.forEach(y -> {
            try {
                List<String> errors = new ManifestValidator().validate(Kustomize.YAML.readTree(y));
                assertTrue(errors.stream().anyMatch(e -> e.contains("no schema")), errors.toString());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
