package dev.inspectorate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset of kustomize the overlays use:
 * {@code resources} (files and directories), RFC 6902 {@code patches} selected by kind and name, {@code namespace}
 * and {@code images}, applied in kustomize's order (patches, namespace, images). No kustomize binary is installable
 * from Maven Central, so this keeps the check offline; any other kustomization field is an error rather than
 * being silently ignored, and {@link KustomizeCompatibilityTest} compares the output with the real kustomize
 * wherever {@code kubectl} is installed.
 */
final class Kustomize {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag");

    private Kustomize() {
    }

    /** The objects {@code kustomize build dir} prints, in resource order. */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode k = readAll(file).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " is empty"));
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(file + ": kustomization field '" + f + "' is not supported by the offline renderer");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            objects.addAll(Files.isDirectory(p) ? build(p) : readAll(p));
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode o : objects) {
            if (!ids.add(id(o))) {
                throw new IllegalArgumentException(dir + ": " + id(o) + " is declared twice");
            }
        }
        for (JsonNode p : k.path("patches")) {
            patch(dir, p, objects);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            // As kustomize does: namespaced objects move into it, a Namespace object is renamed to it.
            objects.forEach(o -> o.withObjectProperty("metadata").put(o.path("kind").asText().equals("Namespace") ? "name" : "namespace", ns));
        }
        for (JsonNode image : k.path("images")) {
            image.fieldNames().forEachRemaining(f -> {
                if (!IMAGE_FIELDS.contains(f)) {
                    throw new IllegalArgumentException(file + ": images field '" + f + "' is not supported");
                }
            });
            int changed = objects.stream().mapToInt(o -> setImage(o, image)).sum();
            if (changed == 0) {
                throw new IllegalArgumentException(file + ": image " + image.get("name") + " is used by no container");
            }
        }
        return objects;
    }

    static String id(JsonNode o) {
        return o.path("apiVersion").asText() + " " + o.path("kind").asText() + " "
                + o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
    }

    static List<ObjectNode> readAll(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            List<ObjectNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not a mapping");
                }
                docs.add((ObjectNode) doc);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static void patch(Path dir, JsonNode p, List<ObjectNode> objects) {
        JsonNode target = p.path("target");
        target.fieldNames().forEachRemaining(f -> {
            if (!TARGET_FIELDS.contains(f)) {
                throw new IllegalArgumentException(dir + ": patch target field '" + f + "' is not supported");
            }
        });
        JsonNode ops;
        try {
            ops = p.has("path") ? YAML.readTree(dir.resolve(p.get("path").asText()).toFile()) : YAML.readTree(p.path("patch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ops == null || !ops.isArray()) {
            throw new IllegalArgumentException(dir + ": only RFC 6902 (JSON patch) patches are supported, got " + p);
        }
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode o = objects.get(i);
            if (matches(target, "kind", o.path("kind").asText()) && matches(target, "name", o.path("metadata").path("name").asText())) {
                try {
                    objects.set(i, (ObjectNode) JsonPatch.apply(ops, o));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(dir + ": patch " + ops + " does not apply to " + id(o) + ": " + e.getMessage(), e);
                }
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch target " + target + " matches no resource");
        }
    }

    /** kustomize matches a target's kind and name as anchored regular expressions. */
    private static boolean matches(JsonNode target, String field, String value) {
        return !target.hasNonNull(field) || Pattern.compile("^(?:" + target.get(field).asText() + ")$").matcher(value).matches();
    }

    /** kustomize's image transformer: every containers/initContainers entry whose image name matches. */
    private static int setImage(JsonNode node, JsonNode image) {
        int changed = 0;
        if (node.isObject()) {
            for (String list : List.of("containers", "initContainers")) {
                if (node.get(list) instanceof ArrayNode containers) {
                    for (JsonNode c : containers) {
                        String next = c.get("image") instanceof TextNode current ? rewrite(current.asText(), image) : null;
                        if (next != null) {
                            ((ObjectNode) c).put("image", next);
                            changed++;
                        }
                    }
                }
            }
            for (JsonNode child : node) {
                changed += setImage(child, image);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                changed += setImage(child, image);
            }
        }
        return changed;
    }

    private static String rewrite(String current, JsonNode image) {
        int at = current.indexOf('@');
        int colon = current.lastIndexOf(':');
        int cut = at >= 0 ? at : colon > current.lastIndexOf('/') ? colon : current.length();
        String name = current.substring(0, cut);
        if (!name.equals(image.path("name").asText())) {
            return null;
        }
        String suffix = current.substring(cut);
        if (image.hasNonNull("newTag")) {
            suffix = ":" + image.get("newTag").asText();
        }
        return image.path("newName").asText(name) + suffix;
    }
}
