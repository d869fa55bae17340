package dev.inspectorate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A Compose file as {@code docker compose config} sees it: interpolated, then checked against the Compose schema. */
final class Compose {
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    // Loaded from its classpath location, against which the schema's relative $id (compose_spec.json) resolves.
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:schemas/compose-spec.json"));

    private Compose() {
    }

    /** The file with anchors and merge keys ({@code <<}) expanded and every {@code ${VAR:-default}} resolved against {@code env}. */
    static JsonNode load(Path file, Map<String, String> env) {
        // SnakeYAML, not Jackson's YAML reader: only SnakeYAML expands merge keys, as Compose does.
        try (Reader in = Files.newBufferedReader(file)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return interpolate(Kustomize.YAML.valueToTree(yaml), env);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Schema violations, empty when the file is valid. */
    static List<String> validate(JsonNode compose) {
        return SCHEMA.validate(compose).stream().map(m -> m.getMessage()).toList();
    }

    /**
     * The wiring the schema cannot see. A service that connects to another ({@code name:port} in its environment,
     * command or entrypoint) needs it, and also every one-shot job that prepares it (a job depending on it, as
     * kafka-topics does on kafka); each need must be a {@code depends_on} entry whose condition is
     * {@code service_completed_successfully} for a one-shot job ({@code restart: "no"}) and {@code service_healthy}
     * otherwise. Every {@code depends_on} names a service of the file, and every long-running service has a
     * healthcheck, so "healthy" can ever be reached.
     */
    static List<String> wiring(JsonNode compose) {
        List<String> errors = new ArrayList<>();
        JsonNode services = compose.path("services");
        Map<String, Set<String>> needs = new TreeMap<>();
        services.fieldNames().forEachRemaining(name -> needs.put(name, connectsTo(name, services)));
        needs.forEach((name, connects) -> {
            Set<String> all = new TreeSet<>(connects);
            for (String dependency : connects) {
                needs.forEach((job, its) -> {
                    if (!job.equals(name) && oneShot(services.path(job)) && services.path(job).path("depends_on").has(dependency)) {
                        all.add(job);
                    }
                });
            }
            JsonNode s = services.path(name);
            if (!oneShot(s) && !s.has("healthcheck")) {
                errors.add(name + " has no healthcheck");
            }
            for (String needed : all) {
                if (!s.path("depends_on").has(needed)) {
                    errors.add(name + " needs " + needed + " but has no depends_on entry for it");
                }
            }
            s.path("depends_on").fields().forEachRemaining(d -> {
                JsonNode dependency = services.get(d.getKey());
                if (dependency == null) {
                    errors.add(name + " depends_on " + d.getKey() + ", but there is no service " + d.getKey());
                    return;
                }
                String expected = oneShot(dependency) ? "service_completed_successfully" : "service_healthy";
                if (!expected.equals(d.getValue().path("condition").asText())) {
                    errors.add(name + " depends_on " + d.getKey() + " with condition " + d.getValue().path("condition") + ", not " + expected);
                }
                if (!oneShot(dependency) && !dependency.has("healthcheck")) {
                    errors.add(name + " depends_on " + d.getKey() + " being healthy, but " + d.getKey() + " has no healthcheck");
                }
            });
        });
        return errors;
    }

    private static boolean oneShot(JsonNode service) {
        return "no".equals(service.path("restart").asText());
    }

    /** The other services whose {@code name:port} appears in this one's environment, command or entrypoint. */
    private static Set<String> connectsTo(String name, JsonNode services) {
        JsonNode s = services.path(name);
        String text = Stream.of("environment", "command", "entrypoint").map(f -> s.path(f).toString()).collect(Collectors.joining(" "));
        Set<String> found = new TreeSet<>();
        services.fieldNames().forEachRemaining(other -> {
            if (!other.equals(name) && Pattern.compile("(?<![\\w.-])" + Pattern.quote(other) + ":[0-9]").matcher(text).find()) {
                found.add(other);
            }
        });
        return found;
    }

    private static JsonNode interpolate(JsonNode node, Map<String, String> env) {
        if (node.isTextual()) {
            return new TextNode(interpolate(node.asText(), env));
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(interpolate(e.getValue(), env));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, interpolate(a.get(i), env));
            }
        }
        return node;
    }

    /** Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
    static String interpolate(String s, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(4) != null) {
                replacement = env.getOrDefault(m.group(4), "");
            } else {
                String value = env.get(m.group(1));
                String op = m.group(2);
                boolean missing = value == null || (op != null && op.startsWith(":") && value.isEmpty());
                if (op == null) {
                    replacement = value == null ? "" : value;
                } else if (op.endsWith("-")) {
                    replacement = missing ? m.group(3) : value;
                } else if (missing) {
                    throw new IllegalArgumentException("required variable " + m.group(1) + ": " + m.group(3));
                } else {
                    replacement = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
