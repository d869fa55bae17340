package dev.inspectorate.performance.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.DatasetRow;
import dev.inspectorate.rest.Problem.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dataset as CSV: a header naming the columns, then one row per metric. Columns area, period, framework and
 * metric are required; actual, target, national, previous, grade, predicted, difference, significance, rating and
 * missing are optional. A number the source lost may be written {@code ###}: it is stored as missing.
 */
final class DatasetCsv {
    static final List<String> COLUMNS = List.of("area", "period", "framework", "metric", "actual", "target", "national",
            "previous", "grade", "predicted", "difference", "significance", "rating", "missing");
    static final List<String> REQUIRED = List.of("area", "period", "framework", "metric");
    static final String LOST = "###";

    private DatasetCsv() {}

    static ParsedDataset parse(byte[] body, int maxRows) {
        List<Violation> v = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new ParsedDataset(null, List.of(new Violation("body", "is not UTF-8 text")));
        }
        if (!dev.inspectorate.rest.StorableText.storable(text)) {
            return new ParsedDataset(null, List.of(new Violation("body", dev.inspectorate.rest.StorableText.MESSAGE)));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return new ParsedDataset(null, List.of(new Violation("body", "is empty: a header row and at least one row are needed", 1)));
        }
        List<DatasetRow> rows = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        String area = null;
        String period = null;
        String framework = null;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            List<String> header = new ArrayList<>();
            if (it.getParserSchema() instanceof CsvSchema schema) {
                schema.forEach(c -> header.add(c.getName()));
            }
            for (String c : header) {
                if (!COLUMNS.contains(c)) {
                    v.add(new Violation(c, "is not a known column; columns are " + COLUMNS, 1));
                }
            }
            for (String c : REQUIRED) {
                if (!header.contains(c)) {
                    v.add(new Violation(c, "column is missing", 1));
                }
            }
            if (!v.isEmpty()) {
                return new ParsedDataset(null, v);
            }
            int line = 1;
            while (it.hasNextValue()) {
                line++;
                Map<String, String> row = it.nextValue();
                if (rows.size() >= maxRows) {
                    v.add(new Violation("body", "has more than " + maxRows + " rows", line));
                    break;
                }
                String a = cell(row, "area");
                String p = cell(row, "period");
                String f = cell(row, "framework");
                if (line == 2) {
                    area = a;
                    period = p;
                    framework = f;
                } else {
                    same("area", area, a, line, v);
                    same("period", period, p, line, v);
                    same("framework", framework, f, line, v);
                }
                String[] missing = {cell(row, "missing")};
                DatasetRow r = new DatasetRow(cell(row, "metric"),
                        number(row, "actual", line, v, missing), number(row, "target", line, v, missing),
                        number(row, "national", line, v, missing), number(row, "previous", line, v, missing),
                        integer(row, "grade", line, v), number(row, "predicted", line, v, missing),
                        number(row, "difference", line, v, missing), cell(row, "significance"), cell(row, "rating"),
                        missing[0]);
                rows.add(r);
                positions.add("line " + line);
            }
        } catch (IOException | RuntimeException e) {
            v.add(new Violation("body", "is not well-formed CSV: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        if (rows.isEmpty() && v.isEmpty()) {
            v.add(new Violation("body", "holds no rows", 1));
        }
        return new ParsedDataset(new DatasetDraft(area, period, framework, rows, positions), v);
    }

    private static void same(String column, String first, String value, int line, List<Violation> v) {
        if (first != null && !first.equals(value)) {
            v.add(new Violation(column, "must be the same on every row (" + first + "), not " + value, line));
        }
    }

    private static String cell(Map<String, String> row, String column) {
        String s = row.get(column);
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A number cell: empty is absent, ### is lost (recorded as missing), anything else must parse. */
    private static Double number(Map<String, String> row, String column, int line, List<Violation> v, String[] missing) {
        String s = cell(row, column);
        if (s == null) {
            return null;
        }
        if (s.equals(LOST)) {
            if (missing[0] == null) {
                missing[0] = lost(column);
            }
            return null;
        }
        Double d = number(s);
        if (d == null) {
            v.add(new Violation(column, "must be a number, not \"" + s + "\"", line));
        }
        return d;
    }

    /** Why a value is missing when the source printed it as {@value #LOST}. */
    static String lost(String column) {
        return column + " printed as " + LOST + " in the source";
    }

    /** A finite number, perhaps with a trailing %; null if the text is none. */
    static Double number(String s) {
        String n = s.trim();
        n = n.endsWith("%") ? n.substring(0, n.length() - 1).trim() : n;
        try {
            double d = Double.parseDouble(n);
            return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(Map<String, String> row, String column, int line, List<Violation> v) {
        String s = cell(row, column);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            v.add(new Violation(column, "must be a whole number, not \"" + s + "\"", line));
            return null;
        }
    }
}
