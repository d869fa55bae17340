package dev.inspectorate.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one Kubernetes object against the schema of its kind, as an API server with strict field validation
 * ({@code kubectl apply --validate=strict}) would: unknown fields and wrong types are errors.
 * <ul>
 * <li>Built-in kinds and Strimzi's kinds are read into their Java models (fabric8 kubernetes-model, Strimzi's
 * api module) by a mapper that coerces no scalar and keeps no unknown field: both models would otherwise file
 * unknown fields under additionalProperties and carry on.</li>
 * <li>{@link ApiRules} adds the enum values and required fields of the built-in kinds, which the fabric8 model
 * types as plain strings and optional fields.</li>
 * <li>CloudNativePG publishes no Java model: its kinds are checked with a JSON Schema of the CNPG v1 fields
 * these manifests use (src/test/resources/schemas/cnpg-v1.schema.json).</li>
 * </ul>
 */
final class ManifestValidator {
    /** Only the API versions a current cluster serves: fabric8 also models removed ones (extensions/v1beta1 ...). */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2 Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class));
    private static final List<String> SCHEMAS = List.of("postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private final ObjectMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                        BeanDeserializerBuilder builder) {
                    // Both models catch unknown fields with @JsonAnySetter; without it they fail the read.
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();
    private final JsonSchema cnpg;

    ManifestValidator() {
        try (InputStream in = getClass().getResourceAsStream("/schemas/cnpg-v1.schema.json")) {
            cnpg = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(strict.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems with {@code object}; empty when the API server would accept it. */
    List<String> validate(JsonNode object) {
        String type = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        List<String> errors = new ArrayList<>();
        String name = object.path("metadata").path("name").asText("");
        Pattern names = object.path("kind").asText().equals("Service") ? DNS_LABEL : DNS_SUBDOMAIN;
        if (!names.matcher(name).matches() || name.length() > (names == DNS_LABEL ? 63 : 253)) {
            errors.add("metadata.name '" + name + "' is not a valid name for a " + object.path("kind").asText());
        }
        if (object.has("status")) {
            errors.add("status is written by the cluster, not by a manifest");
        }
        if (MODELS.containsKey(type)) {
            read(object, MODELS.get(type), "", errors);
            errors.addAll(ApiRules.check(object));
        } else if (SCHEMAS.contains(type)) {
            read(object.path("metadata"), ObjectMeta.class, "metadata", errors);
            cnpg.validate(object).forEach(m -> errors.add(m.getMessage()));
        } else {
            errors.add("no schema for " + type + " (a kind or API version this repository does not use)");
        }
        return errors.stream().map(e -> Kustomize.id(object) + ": " + e).toList();
    }

    private void read(JsonNode node, Class<?> model, String at, List<String> errors) {
        try {
            strict.treeToValue(node, model);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce(at, String::concat);
            errors.add(path.replaceFirst("^\\.", "") + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            errors.add(e.getMessage());
        }
    }
}
