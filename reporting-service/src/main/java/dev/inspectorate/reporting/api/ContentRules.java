package dev.inspectorate.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.rest.KnownFields;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.StorableText;
import java.util.ArrayList;
import java.util.List;

/** What each editorial part must look like; the violations name the JSON field. */
final class ContentRules {
    static final int MAX_TEXT = 20_000;
    static final int MAX_ITEMS = 50;

    private ContentRules() {}

    static List<Violation> check(Catalogue c, String part, JsonNode body) {
        List<Violation> v = new ArrayList<>();
        if (!body.isObject()) {
            v.add(new Violation("body", "must be a JSON object"));
            return v;
        }
        switch (part) {
            case "foreword", "context", "next-steps", "service-users" -> {
                known(body, "", v, "text");
                text(body, "text", v);
            }
            case "recommendations" -> {
                known(body, "", v, "items");
                strings(body, "items", v);
            }
            case "good-practice" -> {
                known(body, "", v, "items");
                JsonNode items = body.get("items");
                if (items == null || !items.isArray() || items.size() > MAX_ITEMS) {
                    v.add(new Violation("items", "must be an array of at most " + MAX_ITEMS + " examples"));
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        known(item, "items[" + i + "].", v, "criterionId", "title", "text");
                        String criterion = item.path("criterionId").asText("");
                        if (c.criterion(criterion).isEmpty()) {
                            v.add(new Violation("items[" + i + "].criterionId", "is not a criterion of " + c.framework().id()));
                        }
                        text(item, "title", v, "items[" + i + "].");
                        text(item, "text", v, "items[" + i + "].");
                    }
                }
            }
            default -> {
                if (part.startsWith("summaries/")) {
                    String section = part.substring("summaries/".length());
                    if (c.sections().stream().noneMatch(s -> s.id().equals(section))) {
                        throw ProblemException.notFound("no section " + section + " in " + c.framework().id());
                    }
                    known(body, "", v, "text");
                    text(body, "text", v);
                } else if (part.startsWith("criteria/")) {
                    String criterion = part.substring("criteria/".length());
                    if (c.criterion(criterion).isEmpty()) {
                        throw ProblemException.notFound("no criterion " + criterion + " in " + c.framework().id());
                    }
                    known(body, "", v, "strengths", "improvements");
                    strings(body, "strengths", v);
                    strings(body, "improvements", v);
                } else {
                    throw ProblemException.notFound("no report part " + part);
                }
            }
        }
        return v;
    }

    /** A lead's wording of a suggested finding, {"text"}: the rules of a finding in a criterion's part. */
    static List<Violation> editedFinding(JsonNode body) {
        List<Violation> v = new ArrayList<>();
        if (!body.isObject()) {
            v.add(new Violation("body", "must be a JSON object {\"text\"} or empty"));
            return v;
        }
        known(body, "", v, "text");
        text(body, "text", v);
        return v;
    }

    /** Names every field the part does not have: a misspelt one would otherwise be stored and never shown. */
    private static void known(JsonNode object, String prefix, List<Violation> v, String... fields) {
        KnownFields.check(object, prefix, List.of(fields), v);
    }

    private static void text(JsonNode body, String field, List<Violation> v) {
        text(body, field, v, "");
    }

    private static void text(JsonNode body, String field, List<Violation> v, String prefix) {
        JsonNode t = body.get(field);
        if (t == null || !t.isTextual() || t.asText().isBlank()) {
            v.add(new Violation(prefix + field, "is required text"));
        } else if (!StorableText.storable(t.asText())) {
            v.add(new Violation(prefix + field, StorableText.MESSAGE));
        } else if (t.asText().length() > MAX_TEXT) {
            v.add(new Violation(prefix + field, "is longer than " + MAX_TEXT + " characters"));
        }
    }

    private static void strings(JsonNode body, String field, List<Violation> v) {
        JsonNode items = body.get(field);
        if (items == null || !items.isArray() || items.size() > MAX_ITEMS) {
            v.add(new Violation(field, "must be an array of at most " + MAX_ITEMS + " texts"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode s = items.get(i);
            if (!s.isTextual() || s.asText().isBlank() || s.asText().length() > MAX_TEXT) {
                v.add(new Violation(field + "[" + i + "]", "must be non-empty text of at most " + MAX_TEXT + " characters"));
            } else if (!StorableText.storable(s.asText())) {
                v.add(new Violation(field + "[" + i + "]", StorableText.MESSAGE));
            }
        }
    }
}
