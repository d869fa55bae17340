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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
