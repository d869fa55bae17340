package dev.inspectorate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    /** Each broken file and a word its error must contain. */
    static final Map<String, String> EXPECTED = Map.of(
            "deployment-unknown-field.yaml", "imagePullPolcy",
            "deployment-wrong-type.yaml", "runAsNonRoot",
            "hpa-string-replicas.yaml", "maxReplicas",
            "ingress-removed-api.yaml", "extensions/v1beta1",
            "kafkatopic-unknown-field.yaml", "partition",
            "kafka-wrong-type.yaml", "port",
            "cnpg-cluster-wrong-type.yaml", "instances",
            "cnpg-database-unknown-field.yaml", "clusterName",
            "compose-unknown-condition.yml", "condition");

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
        List<String> errors = file.startsWith("compose-")
                ? Compose.validate(Compose.load(path, Map.of()))
                : Kustomize.readAll(path).stream().flatMap(o -> new ManifestValidator().validate(o).stream()).toList();
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
