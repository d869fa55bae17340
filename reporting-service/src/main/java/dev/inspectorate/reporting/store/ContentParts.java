package dev.inspectorate.reporting.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.reporting.report.Editorial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editorial parts of a report, each stored as its own JSON document under a part name: foreword, context,
 * next-steps, service-users ({"text"}); recommendations ({"items": [...]}); good-practice ({"items": [{criterionId, title, text}]});
 * summaries/{section} ({"text"}); criteria/{criterion} ({"strengths": [...], "improvements": [...]}).
 */
public final class ContentParts {
    private ContentParts() {}

    static Editorial editorial(Map<String, JsonNode> parts) {
        Map<String, String> summaries = new LinkedHashMap<>();
        Map<String, Editorial.Findings> findings = new LinkedHashMap<>();
        parts.forEach((part, node) -> {
            if (part.startsWith("summaries/")) {
                summaries.put(part.substring("summaries/".length()), node.path("text").asText(null));
            } else if (part.startsWith("criteria/")) {
                findings.put(part.substring("criteria/".length()),
                        new Editorial.Findings(strings(node.path("strengths")), strings(node.path("improvements"))));
            }
        });
        List<Editorial.GoodPractice> goodPractice = new ArrayList<>();
        JsonNode gp = parts.get("good-practice");
        if (gp != null) {
            gp.path("items").forEach(i -> goodPractice.add(new Editorial.GoodPractice(i.path("criterionId").asText(null),
                    i.path("title").asText(null), i.path("text").asText(null))));
        }
        JsonNode recs = parts.get("recommendations");
        return new Editorial(text(parts.get("foreword")), summaries, recs == null ? List.of() : strings(recs.path("items")),
                text(parts.get("next-steps")), goodPractice, findings, text(parts.get("context")),
                text(parts.get("service-users")));
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.path("text").asText(null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
