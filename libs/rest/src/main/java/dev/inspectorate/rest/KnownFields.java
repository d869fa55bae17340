package dev.inspectorate.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.rest.Problem.Violation;
import java.util.Collection;
import java.util.List;

/** The one wording of "a field the body may not have", for Jackson's refusals and for bodies read field by field. */
public final class KnownFields {
    private KnownFields() {}

    public static String message(Collection<String> fields) {
        return "is not a known field; the fields are " + List.copyOf(fields);
    }

    /** Adds a violation ({@code prefix + name}) for every field of a JSON object that is not one of {@code fields}. */
    public static void check(JsonNode object, String prefix, Collection<String> fields, List<Violation> violations) {
        if (!object.isObject()) {
            return;
        }
        object.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                violations.add(new Violation(prefix + f, message(fields)));
            }
        });
    }
}
