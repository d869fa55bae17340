package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inspectorate.rest.KnownFields;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.TextInput;
import dev.inspectorate.rest.StorableText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON array of entries one by one and field by field, so a refusal names every bad entry and field
 * ({@code [3].mappaLevel}), not only the first that Jackson stumbles on, and names unknown fields: a misspelt
 * {@code "mappa": 3} would otherwise be dropped and the case imported as MAPPA level 0.
 */
final class JsonEntries {
    /** The valid entries, and the violations of the others; entries are used only if there are no violations. */
    record Read<T>(List<T> entries, List<Violation> violations) {}

    private JsonEntries() {}

    /**
     * @param field the array's name in violations ({@code entries}); {@code prefix} goes before each {@code [i]}
     */
    static <T extends Record> Read<T> read(JsonNode array, String field, String prefix, int max, Class<T> type,
            ObjectMapper json, Validator validator) {
        List<Violation> violations = new ArrayList<>();
        List<T> entries = new ArrayList<>();
        if (array == null || array.isNull() || array.isMissingNode()) {
            return new Read<>(entries, List.of(new Violation(field, "must not be null")));
        }
        if (!array.isArray()) {
            return new Read<>(entries, List.of(new Violation(field, "must be a JSON array")));
        }
        if (array.size() < 1 || array.size() > max) {
            return new Read<>(entries, List.of(new Violation(field, "size must be between 1 and " + max)));
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        Arrays.stream(type.getRecordComponents()).forEach(c -> components.put(c.getName(), c));
        for (int i = 0; i < array.size(); i++) {
            String at = prefix + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                violations.add(new Violation(at, node.isNull() ? "must not be null" : "must be a JSON object"));
                continue;
            }
            ObjectNode good = json.createObjectNode();
            Set<String> bad = new HashSet<>();
            for (var f : node.properties()) {
                RecordComponent c = components.get(f.getKey());
                String problem = c == null
                        ? KnownFields.message(components.keySet())
                        : problem(json, c, f.getValue());
                if (problem == null) {
                    good.set(f.getKey(), f.getValue());
                } else {
                    violations.add(new Violation(at + "." + f.getKey(), problem));
                    bad.add(f.getKey());
                }
            }
            T entry;
            try {
                entry = json.treeToValue(good, type);
            } catch (IOException | IllegalArgumentException e) {
                violations.add(new Violation(at, "cannot be read"));
                continue;
            }
            // The fields that parsed are checked against the entry's rules too, so every bad field of it is named.
            for (ConstraintViolation<T> v : validator.validate(entry)) {
                String path = v.getPropertyPath().toString();
                if (bad.add(path)) {
                    violations.add(new Violation(at + "." + path, v.getMessage()));
                }
            }
            if (bad.isEmpty()) {
                entries.add(entry);
            }
        }
        return new Read<>(entries, violations);
    }

    /** Why the value cannot be the field's type, or null if it can. */
    private static String problem(ObjectMapper json, RecordComponent c, JsonNode value) {
        try {
            json.readerFor(json.constructType(c.getGenericType())).readValue(json.treeAsTokens(value));
            return null;
        } catch (TextInput.UnstorableTextException e) {
            return StorableText.MESSAGE;
        } catch (InvalidFormatException e) {
            return "cannot be " + (e.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(e.getValue()))
                    + expected(json, c.getType());
        } catch (IOException | IllegalArgumentException e) {
            return "has the wrong type" + expected(json, c.getType());
        }
    }

    private static String expected(ObjectMapper json, Class<?> type) {
        if (type.isEnum()) {
            return ": expected one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(k -> json.convertValue(k, String.class)).toList());
        }
        if (type == boolean.class || type == Boolean.class) {
            return ": expected true or false";
        }
        if (type == int.class || type == Integer.class) {
            return ": expected a whole number";
        }
        return type == String.class ? ": expected a string" : "";
    }
}
