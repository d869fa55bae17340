package dev.inspectorate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rules across objects that no schema expresses: what a cluster would only show at run time (a Service that
 * selects no pod, a pod the restricted Pod Security Standard refuses) and what the design says (the traffic the
 * NetworkPolicies admit). {@link #check} returns every violation, so a broken manifest names its fault.
 */
final class Rules {
    /**
     * The traffic the design admits, one line per policy direction, peer and port (deploy/README.md, "What the
     * manifests create"): the ingress controller and Prometheus to the services' HTTP port; the services to
     * PostgreSQL, Kafka, DNS and Keycloak; PostgreSQL from the services, its own instances and the CNPG operator.
     * Kafka's own policy is written by Strimzi from the listener's networkPolicyPeers.
     */
    static final Set<String> DESIGNED_TRAFFIC = Set.of(
            "default-deny-ingress{} ingress: nothing",
            "inspectorate-services{" + Rules.API + "} ingress from ns{kubernetes.io/metadata.name=ingress-nginx} pods{app.kubernetes.io/name=ingress-nginx} TCP/http",
            "inspectorate-services{" + Rules.API + "} ingress from ns{kubernetes.io/metadata.name=monitoring} pods{app.kubernetes.io/name=prometheus} TCP/http",
            "inspectorate-services{" + Rules.API + "} egress to pods{cnpg.io/cluster=inspectorate-db} TCP/5432",
            "inspectorate-services{" + Rules.API + "} egress to pods{strimzi.io/cluster=inspectorate,strimzi.io/kind=Kafka} TCP/9092",
            "inspectorate-services{" + Rules.API + "} egress to ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} UDP/53",
            "inspectorate-services{" + Rules.API + "} egress to ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} TCP/53",
            "inspectorate-services{" + Rules.API + "} egress to ns{kubernetes.io/metadata.name=keycloak} TCP/8080",
            "inspectorate-services{" + Rules.API + "} egress to ns{kubernetes.io/metadata.name=keycloak} TCP/8443",
            "inspectorate-db{cnpg.io/cluster=inspectorate-db} ingress from pods{" + Rules.API + "} TCP/5432",
            "inspectorate-db{cnpg.io/cluster=inspectorate-db} ingress from pods{cnpg.io/cluster=inspectorate-db} TCP/5432",
            "inspectorate-db{cnpg.io/cluster=inspectorate-db} ingress from pods{cnpg.io/cluster=inspectorate-db} TCP/8000",
            "inspectorate-db{cnpg.io/cluster=inspectorate-db} ingress from ns{kubernetes.io/metadata.name=cnpg-system} TCP/8000",
            "inspectorate-db{cnpg.io/cluster=inspectorate-db} ingress from ns{kubernetes.io/metadata.name=cnpg-system} TCP/5432");
    private static final String API = "app.kubernetes.io/component=api,app.kubernetes.io/part-of=inspection-platform";
    /** The volume types the restricted Pod Security Standard allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private Rules() {
    }

    static List<String> check(List<? extends JsonNode> objects) {
        List<String> errors = new ArrayList<>();
        List<JsonNode> deployments = all(objects, "Deployment");
        for (JsonNode d : deployments) {
            JsonNode pod = d.at("/spec/template/spec");
            Map<String, JsonNode> containers = new LinkedHashMap<>();
            Stream.concat(stream(pod.path("initContainers")), stream(pod.path("containers")))
                    .forEach(c -> containers.put(c.path("name").asText(), c.path("securityContext")));
            errors.addAll(restricted(Kustomize.id(d), pod.path("securityContext"), containers));
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean()) {
                    errors.add(Kustomize.id(d) + ": " + host + " is not allowed by the restricted Pod Security Standard");
                }
            }
            stream(pod.path("volumes")).forEach(v -> v.fieldNames().forEachRemaining(type -> {
                if (!type.equals("name") && !RESTRICTED_VOLUMES.contains(type)) {
                    errors.add(Kustomize.id(d) + ": volume type " + type + " is not allowed by the restricted Pod Security Standard");
                }
            }));
        }
        errors.addAll(strimziPods(objects));
        for (JsonNode c : all(objects, "Cluster")) {
            errors.addAll(cnpgPods(c));
        }
        for (JsonNode s : all(objects, "Service")) {
            List<JsonNode> selected = deployments.stream().filter(d -> sameNamespace(s, d) && selects(s.at("/spec/selector"), d.at("/spec/template/metadata/labels"))).toList();
            if (selected.isEmpty()) {
                errors.add(Kustomize.id(s) + ": selector " + s.at("/spec/selector") + " selects no Deployment's pods");
            }
            stream(s.at("/spec/ports")).filter(p -> p.path("targetPort").isTextual()).forEach(p -> selected.stream()
                    .filter(d -> !portNames(d).contains(p.path("targetPort").asText()))
                    .forEach(d -> errors.add(Kustomize.id(s) + ": targetPort " + p.path("targetPort") + " is no port of " + Kustomize.id(d))));
        }
        for (JsonNode h : all(objects, "HorizontalPodAutoscaler")) {
            JsonNode target = h.at("/spec/scaleTargetRef");
            boolean found = target.path("apiVersion").asText().equals("apps/v1") && target.path("kind").asText().equals("Deployment")
                    && deployments.stream().anyMatch(d -> sameNamespace(h, d) && d.at("/metadata/name").asText().equals(target.path("name").asText()));
            if (!found) {
                errors.add(Kustomize.id(h) + ": scaleTargetRef " + target + " is no Deployment here");
            }
        }
        for (JsonNode p : all(objects, "PodDisruptionBudget")) {
            if (deployments.stream().noneMatch(d -> sameNamespace(p, d) && selects(p.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels")))) {
                errors.add(Kustomize.id(p) + ": selector " + p.at("/spec/selector") + " selects no Deployment's pods");
            }
        }
        List<JsonNode> policies = all(objects, "NetworkPolicy");
        for (JsonNode n : policies) {
            errors.addAll(networkPolicy(n, deployments));
        }
        if (!policies.isEmpty()) {
            Set<String> traffic = policies.stream().flatMap(n -> traffic(n).stream()).collect(Collectors.toCollection(TreeSet::new));
            traffic.stream().filter(t -> !DESIGNED_TRAFFIC.contains(t)).forEach(t -> errors.add("NetworkPolicy admits traffic the design does not: " + t));
            DESIGNED_TRAFFIC.stream().filter(t -> !traffic.contains(t)).sorted().forEach(t -> errors.add("NetworkPolicy lacks designed traffic: " + t));
        }
        return errors;
    }

    /**
     * The restricted Pod Security Standard for one pod: each container runs as non-root (its own setting or the
     * pod's), never as UID 0, unprivileged, without privilege escalation, with every capability dropped (only
     * NET_BIND_SERVICE may be added back) and the runtime's default seccomp profile.
     */
    static List<String> restricted(String pod, JsonNode podContext, Map<String, JsonNode> containers) {
        List<String> errors = new ArrayList<>();
        if (containers.isEmpty()) {
            errors.add(pod + ": no container to check");
        }
        containers.forEach((name, c) -> {
            String at = pod + " container " + name + ": ";
            JsonNode nonRoot = c.has("runAsNonRoot") ? c.get("runAsNonRoot") : podContext.path("runAsNonRoot");
            if (!nonRoot.asBoolean(false)) {
                errors.add(at + "runAsNonRoot must be true (restricted Pod Security Standard)");
            }
            if (c.path("runAsUser").asInt(-1) == 0 || podContext.path("runAsUser").asInt(-1) == 0) {
                errors.add(at + "runAsUser 0 is root");
            }
            if (c.path("privileged").asBoolean(false)) {
                errors.add(at + "privileged is not allowed");
            }
            if (c.path("allowPrivilegeEscalation").asBoolean(true)) {
                errors.add(at + "allowPrivilegeEscalation must be false (restricted Pod Security Standard)");
            }
            if (stream(c.at("/capabilities/drop")).noneMatch(cap -> cap.asText().equals("ALL"))) {
                errors.add(at + "capabilities.drop must contain ALL (restricted Pod Security Standard)");
            }
            stream(c.at("/capabilities/add")).filter(cap -> !cap.asText().equals("NET_BIND_SERVICE"))
                    .forEach(cap -> errors.add(at + "capability " + cap.asText() + " may not be added"));
            JsonNode seccomp = c.has("seccompProfile") ? c.get("seccompProfile") : podContext.path("seccompProfile");
            if (!seccomp.path("type").asText().equals("RuntimeDefault")) {
                errors.add(at + "seccompProfile.type must be RuntimeDefault (restricted Pod Security Standard), is "
                        + (seccomp.has("type") ? seccomp.get("type") : "unset"));
            }
        });
        return errors;
    }

    /**
     * Strimzi's default pod security provider meets only the baseline standard, so the pods it creates must get
     * restricted contexts from the resources' templates: a node pool's own template when it has one (it replaces
     * the Kafka resource's), otherwise {@code spec.kafka.template}; the entity operator's from its own template.
     */
    private static List<String> strimziPods(List<? extends JsonNode> objects) {
        List<String> errors = new ArrayList<>();
        for (JsonNode kafka : all(objects, "Kafka")) {
            String cluster = kafka.at("/metadata/name").asText();
            for (JsonNode pool : all(objects, "KafkaNodePool")) {
                if (!pool.at("/metadata/labels/strimzi.io~1cluster").asText().equals(cluster) || !sameNamespace(kafka, pool)) {
                    continue;
                }
                JsonNode template = pool.at("/spec/template").isObject() ? pool.at("/spec/template") : kafka.at("/spec/kafka/template");
                Map<String, JsonNode> containers = new LinkedHashMap<>();
                containers.put("kafka", template.at("/kafkaContainer/securityContext"));
                if (kafka.at("/spec/kafka").has("rack")) {
                    containers.put("kafka-init", template.at("/initContainer/securityContext"));
                }
                errors.addAll(restricted(Kustomize.id(pool) + " (pods of Kafka " + cluster + ")", template.at("/pod/securityContext"), containers));
            }
            JsonNode eo = kafka.at("/spec/entityOperator");
            if (eo.isObject()) {
                Map<String, JsonNode> containers = new LinkedHashMap<>();
                if (eo.has("topicOperator")) {
                    containers.put("topic-operator", eo.at("/template/topicOperatorContainer/securityContext"));
                }
                if (eo.has("userOperator")) {
                    containers.put("user-operator", eo.at("/template/userOperatorContainer/securityContext"));
                }
                errors.addAll(restricted(Kustomize.id(kafka) + " entity operator", eo.at("/template/pod/securityContext"), containers));
            }
        }
        return errors;
    }

    /**
     * CloudNativePG gives its pods restricted contexts by default (its documentation, "Security": non-root,
     * read-only root file system, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault when
     * {@code spec.seccompProfile} is unset). A Cluster may only keep those defaults or set restricted values.
     */
    private static List<String> cnpgPods(JsonNode cluster) {
        List<String> errors = new ArrayList<>();
        JsonNode seccomp = cluster.at("/spec/seccompProfile");
        if (!seccomp.isMissingNode() && !seccomp.path("type").asText().equals("RuntimeDefault")) {
            errors.add(Kustomize.id(cluster) + ": spec.seccompProfile.type must be RuntimeDefault (restricted Pod Security Standard), is " + seccomp.path("type"));
        }
        JsonNode podContext = cluster.at("/spec/podSecurityContext");
        JsonNode containerContext = cluster.at("/spec/securityContext");
        if (!podContext.isMissingNode() || !containerContext.isMissingNode()) {
            // Set fields replace the operator's defaults: they must themselves be restricted.
            errors.addAll(restricted(Kustomize.id(cluster), podContext, Map.of("postgres", containerContext)));
        }
        return errors;
    }

    private static List<String> networkPolicy(JsonNode policy, List<JsonNode> deployments) {
        List<String> errors = new ArrayList<>();
        String id = Kustomize.id(policy);
        List<JsonNode> selected = deployments.stream()
                .filter(d -> sameNamespace(policy, d) && selectsOrAll(policy.at("/spec/podSelector/matchLabels"), d.at("/spec/template/metadata/labels"))).toList();
        for (String direction : List.of("ingress", "egress")) {
            String peers = direction.equals("ingress") ? "from" : "to";
            JsonNode rules = policy.at("/spec/" + direction);
            for (int i = 0; i < rules.size(); i++) {
                JsonNode rule = rules.get(i);
                String at = id + ": " + direction + "[" + i + "] ";
                if (rule.path(peers).isEmpty()) {
                    errors.add(at + "admits every peer (no '" + peers + "')");
                }
                stream(rule.path(peers)).filter(Rules::anyPeer).forEach(p -> errors.add(at + "admits every peer: " + p));
                if (rule.path("ports").isEmpty()) {
                    errors.add(at + "admits every port (no 'ports')");
                }
                // A named port must be a port of the pods the policy protects, or it admits nothing.
                stream(rule.path("ports")).filter(p -> direction.equals("ingress") && p.path("port").isTextual())
                        .forEach(p -> selected.stream().filter(d -> !portNames(d).contains(p.path("port").asText()))
                                .forEach(d -> errors.add(at + "port " + p.path("port") + " is no port of " + Kustomize.id(d))));
            }
        }
        return errors;
    }

    /** A peer that matches everything: an empty peer, empty selectors only, or an ipBlock of every address. */
    private static boolean anyPeer(JsonNode peer) {
        if (peer.has("ipBlock")) {
            String cidr = peer.at("/ipBlock/cidr").asText();
            return cidr.equals("0.0.0.0/0") || cidr.equals("::/0");
        }
        boolean pods = peer.has("podSelector") && !peer.path("podSelector").isEmpty();
        boolean namespaces = peer.has("namespaceSelector") && !peer.path("namespaceSelector").isEmpty();
        return !pods && !namespaces;
    }

    /** One line per direction, peer and port of the policy, in the form of {@link #DESIGNED_TRAFFIC}. */
    static List<String> traffic(JsonNode policy) {
        List<String> lines = new ArrayList<>();
        String head = policy.at("/metadata/name").asText() + labels(policy.at("/spec/podSelector/matchLabels"));
        for (JsonNode type : policy.at("/spec/policyTypes")) {
            String direction = type.asText().toLowerCase();
            JsonNode rules = policy.at("/spec/" + direction);
            if (rules.isEmpty()) {
                lines.add(head + " " + direction + ": nothing");
            }
            for (JsonNode rule : rules) {
                List<JsonNode> peers = rule.path(direction.equals("ingress") ? "from" : "to").isEmpty()
                        ? List.of(rule.path("_")) : stream(rule.path(direction.equals("ingress") ? "from" : "to")).toList();
                List<JsonNode> ports = rule.path("ports").isEmpty() ? List.of(rule.path("_")) : stream(rule.path("ports")).toList();
                for (JsonNode peer : peers) {
                    String who = anyPeer(peer) ? "anyone" : Stream.of(
                                    peer.has("namespaceSelector") ? "ns" + labels(peer.at("/namespaceSelector/matchLabels")) : "",
                                    peer.has("podSelector") ? "pods" + labels(peer.at("/podSelector/matchLabels")) : "",
                                    peer.has("ipBlock") ? "ip" + peer.path("ipBlock") : "")
                            .filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
                    for (JsonNode port : ports) {
                        String what = port.isMissingNode() ? "any port" : port.path("protocol").asText("TCP") + "/" + port.path("port").asText("any");
                        lines.add(head + " " + direction + (direction.equals("ingress") ? " from " : " to ") + who + " " + what);
                    }
                }
            }
        }
        return lines;
    }

    private static String labels(JsonNode matchLabels) {
        TreeSet<String> pairs = new TreeSet<>();
        matchLabels.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return "{" + String.join(",", pairs) + "}";
    }

    /** A non-empty matchLabels whose every label the pod labels carry. */
    static boolean selects(JsonNode matchLabels, JsonNode podLabels) {
        return matchLabels.size() > 0 && StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields).spliterator(), false)
                .allMatch(e -> podLabels.path(e.getKey()).equals(e.getValue()));
    }

    private static boolean selectsOrAll(JsonNode matchLabels, JsonNode podLabels) {
        return matchLabels.isMissingNode() || matchLabels.isEmpty() || selects(matchLabels, podLabels);
    }

    private static Set<String> portNames(JsonNode deployment) {
        return stream(deployment.at("/spec/template/spec/containers")).flatMap(c -> stream(c.path("ports")))
                .map(p -> p.path("name").asText()).collect(Collectors.toSet());
    }

    private static boolean sameNamespace(JsonNode a, JsonNode b) {
        return a.at("/metadata/namespace").asText().equals(b.at("/metadata/namespace").asText());
    }

    private static List<JsonNode> all(List<? extends JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).map(o -> (JsonNode) o).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
