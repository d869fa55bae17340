package dev.inspectorate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * What the API server checks and the fabric8 model cannot: the enum values and required fields of the built-in
 * kinds these manifests use (the model types them as plain strings and optional fields), and a Deployment's
 * selector matching its pod labels. Values are those of the Kubernetes API reference (v1.33). No fetchable
 * artifact carries the Kubernetes schemas as JSON Schema: the kubernetes-models npm packages ship them only as
 * compiled JavaScript validators, and neither those nor the upstream OpenAPI document constrain every field
 * listed here (an HPA's {@code target.type} is a free string there). A field a manifest starts to use with a
 * closed set of values belongs here.
 */
final class ApiRules {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final String POD = "spec/template/spec/";
    private static final String CONTAINERS = POD + "containers[]/";

    /** Kind -> rules; a rule is either an enum (path to the value, allowed values) or required fields (path to the parent). */
    private static final Map<String, List<Rule>> RULES = Map.of(
            "Deployment", Stream.concat(Stream.of(
                    required("spec", "selector", "template"),
                    oneOf("spec/strategy/type", "RollingUpdate", "Recreate"),
                    required(POD.substring(0, POD.length() - 1), "containers"),
                    oneOf(POD + "restartPolicy", "Always"),
                    required(CONTAINERS.substring(0, CONTAINERS.length() - 1), "name", "image"),
                    oneOf(CONTAINERS + "imagePullPolicy", "Always", "IfNotPresent", "Never"),
                    required(CONTAINERS + "ports[]", "containerPort"),
                    oneOf(CONTAINERS + "ports[]/protocol", PROTOCOLS),
                    required(CONTAINERS + "env[]", "name"),
                    required(CONTAINERS + "env[]/valueFrom/secretKeyRef", "name", "key"),
                    required(CONTAINERS + "env[]/valueFrom/configMapKeyRef", "name", "key"),
                    required(CONTAINERS + "volumeMounts[]", "name", "mountPath"),
                    required(POD + "volumes[]", "name"),
                    required(POD + "securityContext/seccompProfile", "type"),
                    oneOf(POD + "securityContext/seccompProfile/type", "RuntimeDefault", "Localhost", "Unconfined"),
                    required(CONTAINERS + "securityContext/seccompProfile", "type"),
                    oneOf(CONTAINERS + "securityContext/seccompProfile/type", "RuntimeDefault", "Localhost", "Unconfined")),
                    Stream.of("startupProbe", "livenessProbe", "readinessProbe").flatMap(probe -> Stream.of(
                            required(CONTAINERS + probe + "/httpGet", "port"),
                            oneOf(CONTAINERS + probe + "/httpGet/scheme", "HTTP", "HTTPS")))).toList(),
            "Service", List.of(
                    oneOf("spec/type", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
                    required("spec/ports[]", "port"),
                    oneOf("spec/ports[]/protocol", PROTOCOLS)),
            "HorizontalPodAutoscaler", List.of(
                    required("spec", "scaleTargetRef", "maxReplicas"),
                    required("spec/scaleTargetRef", "kind", "name"),
                    required("spec/metrics[]", "type"),
                    oneOf("spec/metrics[]/type", "ContainerResource", "External", "Object", "Pods", "Resource"),
                    required("spec/metrics[]/resource", "name", "target"),
                    required("spec/metrics[]/resource/target", "type"),
                    oneOf("spec/metrics[]/resource/target/type", "Utilization", "Value", "AverageValue")),
            "PodDisruptionBudget", List.of(
                    oneOf("spec/unhealthyPodEvictionPolicy", "IfHealthyBudget", "AlwaysAllow")),
            "Ingress", List.of(
                    required("spec/rules[]/http", "paths"),
                    required("spec/rules[]/http/paths[]", "pathType", "backend"),
                    oneOf("spec/rules[]/http/paths[]/pathType", "Exact", "Prefix", "ImplementationSpecific"),
                    required("spec/rules[]/http/paths[]/backend/service", "name", "port")),
            "NetworkPolicy", List.of(
                    required("spec", "podSelector"),
                    oneOf("spec/policyTypes[]", "Ingress", "Egress"),
                    oneOf("spec/ingress[]/ports[]/protocol", PROTOCOLS),
                    oneOf("spec/egress[]/ports[]/protocol", PROTOCOLS)),
            "Namespace", List.of(
                    oneOf("metadata/labels/pod-security.kubernetes.io~1enforce", "privileged", "baseline", "restricted")));

    private ApiRules() {
    }

    /** The violations in {@code object}, each as "path: problem". */
    static List<String> check(JsonNode object) {
        List<String> errors = new ArrayList<>();
        for (Rule rule : RULES.getOrDefault(object.path("kind").asText(), List.of())) {
            walk(object, rule.path().split("/"), 0, "", (node, at) -> {
                if (rule.allowed() != null && !rule.allowed().contains(node.asText())) {
                    errors.add(at + ": '" + node.asText() + "' is not one of " + rule.allowed().stream().sorted().toList());
                }
                for (String field : rule.required()) {
                    if (!node.hasNonNull(field)) {
                        errors.add(at + ": " + field + " is required");
                    }
                }
            });
        }
        if (object.path("kind").asText().equals("Deployment")) {
            // The API server refuses a Deployment whose selector does not select its own pods.
            JsonNode selector = object.at("/spec/selector/matchLabels");
            if (!Rules.selects(selector, object.at("/spec/template/metadata/labels"))) {
                errors.add("spec.selector: " + selector + " does not match spec.template.metadata.labels " + object.at("/spec/template/metadata/labels"));
            }
        }
        return errors;
    }

    /** Calls {@code found} with each node at {@code path} ("a/b[]/c": every element of array b), skipping absent ones. */
    private static void walk(JsonNode node, String[] path, int i, String at, BiConsumer<JsonNode, String> found) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (i == path.length) {
            found.accept(node, at);
            return;
        }
        boolean each = path[i].endsWith("[]");
        String field = (each ? path[i].substring(0, path[i].length() - 2) : path[i]).replace("~1", "/");
        String here = at.isEmpty() ? field : at + "." + field;
        JsonNode child = node.get(field);
        if (each && child != null && child.isArray()) {
            for (int k = 0; k < child.size(); k++) {
                walk(child.get(k), path, i + 1, here + "[" + k + "]", found);
            }
        } else if (!each) {
            walk(child, path, i + 1, here, found);
        }
    }

    private static Rule oneOf(String path, String... allowed) {
        return oneOf(path, Set.of(allowed));
    }

    private static Rule oneOf(String path, Set<String> allowed) {
        return new Rule(path, allowed, List.of());
    }

    private static Rule required(String path, String... fields) {
        return new Rule(path, null, List.of(fields));
    }

    private record Rule(String path, Set<String> allowed, List<String> required) {
    }
}
