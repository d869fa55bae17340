package dev.inspectorate.performance.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.DatasetRow;
import dev.inspectorate.rest.KnownFields;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.StorableText;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as JSON, read field by field rather than bound by Jackson, so that every bad value is reported and not
 * only the first. Numbers may be JSON numbers or numeric strings; {@code "###"} marks a value the source lost, as in
 * CSV. An unknown field is refused, as an unknown CSV column is: a misspelt {@code "previos"} would otherwise drop
 * the value without a word.
 */
final class DatasetJson {
    /** A row's fields: the CSV's columns less those of the dataset as a whole. */
    static final List<String> ROW_FIELDS = DatasetCsv.COLUMNS.stream().filter(c -> !DatasetDraft.DATASET_FIELDS.contains(c)).toList();

    private DatasetJson() {}

    static ParsedDataset parse(JsonNode body, int maxRows) {
        List<Violation> v = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new ParsedDataset(null,
                    List.of(new Violation("body", "must be a JSON object with area, period, framework and rows")));
        }
        KnownFields.check(body, "", DatasetDraft.DATASET_FIELDS, v);
        String area = text(body.get("area"), "area", v);
        String period = text(body.get("period"), "period", v);
        String framework = text(body.get("framework"), "framework", v);
        JsonNode rowsNode = body.get("rows");
        List<DatasetRow> rows = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        if (rowsNode != null && !rowsNode.isNull() && !rowsNode.isArray()) {
            v.add(new Violation("rows", "must be an array of rows"));
        } else if (rowsNode != null && rowsNode.size() > maxRows) {
            v.add(new Violation("rows", "has more than " + maxRows + " rows"));
            return new ParsedDataset(null, v);
        } else if (rowsNode != null) {
            for (int i = 0; i < rowsNode.size(); i++) {
                String at = "rows[" + i + "]";
                JsonNode r = rowsNode.get(i);
                if (!r.isObject()) {
                    v.add(new Violation(at, "must be an object"));
                    continue;
                }
                KnownFields.check(r, at + ".", ROW_FIELDS, v);
                List<String> lost = new ArrayList<>();
                Double actual = number(r, "actual", at, v, lost);
                rows.add(new DatasetRow(text(r.get("metric"), at + ".metric", v),
                        actual, number(r, "target", at, v, lost),
                        number(r, "national", at, v, lost), number(r, "previous", at, v, lost),
                        grade(r.get("grade"), at + ".grade", v), number(r, "predicted", at, v, lost),
                        number(r, "difference", at, v, lost), text(r.get("significance"), at + ".significance", v),
                        text(r.get("rating"), at + ".rating", v),
                        DatasetCsv.missing(text(r.get("missing"), at + ".missing", v), lost, actual, v,
                                new Violation(at + ".missing", ""))));
                positions.add(at);
            }
        }
        return new ParsedDataset(new DatasetDraft(area, period, framework, rows, positions), v);
    }

    private static String text(JsonNode n, String field, List<Violation> v) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            v.add(new Violation(field, "must be text"));
            return null;
        }
        if (!StorableText.storable(n.textValue())) {
            v.add(new Violation(field, StorableText.MESSAGE));
            return null;
        }
        return n.textValue().isBlank() ? null : n.textValue().trim();
    }

    private static Double number(JsonNode row, String column, String at, List<Violation> v, List<String> lost) {
        JsonNode n = row.get(column);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual() && n.textValue().trim().equals(DatasetCsv.LOST)) {
            lost.add(column);
            return null;
        }
        Double d = n.isNumber() ? Double.valueOf(n.doubleValue()) : n.isTextual() ? DatasetCsv.number(n.textValue()) : null;
        if (d == null || d.isNaN() || d.isInfinite()) {
            v.add(new Violation(at + "." + column, "must be a number, not " + shorten(n)));
            return null;
        }
        return d;
    }

    private static Integer grade(JsonNode n, String field, List<Violation> v) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.canConvertToInt() && (n.isIntegralNumber() || n.isNumber() && n.doubleValue() == n.intValue())) {
            return n.intValue();
        }
        if (n.isTextual() && n.textValue().trim().matches("[0-9]{1,9}")) {
            return Integer.valueOf(n.textValue().trim());
        }
        v.add(new Violation(field, "must be a whole number, not " + shorten(n)));
        return null;
    }

    private static String shorten(JsonNode n) {
        String s = n.toString();
        if (!StorableText.storable(s)) {
            return "that text"; // echoing a lone surrogate back would break the response
        }
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
