package dev.inspectorate.performance.api;

import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.DatasetRow;
import dev.inspectorate.rest.CsvReader;
import dev.inspectorate.rest.Problem.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset as CSV: a header naming the columns, then one row per metric. Columns area, period, framework and
 * metric are required; actual, target, national, previous, grade, predicted, difference, significance, rating and
 * missing are optional. A number the source lost may be written {@code ###}: it is stored as missing. Lines are
 * physical lines (a quoted value may span lines); a malformed row is reported as field {@code row} and the rest
 * are still checked.
 */
final class DatasetCsv {
    static final List<String> COLUMNS = List.of("area", "period", "framework", "metric", "actual", "target", "national",
            "previous", "grade", "predicted", "difference", "significance", "rating", "missing");
    static final List<String> REQUIRED = List.of("area", "period", "framework", "metric");
    static final String LOST = "###";

    private DatasetCsv() {}

    static ParsedDataset parse(byte[] body, int maxRows) {
        List<Violation> v = new ArrayList<>();
        String text = CsvReader.text(body, v);
        if (text == null) {
            return new ParsedDataset(null, v);
        }
        List<CsvReader.Record> records = CsvReader.records(text, v);
        if (records.isEmpty()) {
            v.add(new Violation("body", "is empty: a header row and at least one row are needed", 1));
            return new ParsedDataset(null, v);
        }
        CsvReader.Record head = records.get(0);
        if (head.cells() == null) {
            return new ParsedDataset(null, v);
        }
        List<String> header = head.cells().stream().map(String::trim).toList();
        List<Violation> headerProblems = CsvReader.headerProblems(header, head.line(), COLUMNS, REQUIRED);
        if (!headerProblems.isEmpty()) {
            v.addAll(headerProblems);
            return new ParsedDataset(null, v);
        }
        if (records.size() - 1 > maxRows) {
            return new ParsedDataset(null, List.of(new Violation("body", "has more than " + maxRows + " rows",
                    records.get(maxRows + 1).line())));
        }
        List<DatasetRow> rows = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        String area = null;
        String period = null;
        String framework = null;
        boolean first = true;
        for (CsvReader.Record record : records.subList(1, records.size())) {
            int line = record.line();
            if (record.cells() == null) {
                continue;
            }
            if (record.cells().size() > header.size()) {
                v.add(new Violation("row", "has " + record.cells().size() + " values; the header names "
                        + header.size() + " columns", line));
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < record.cells().size(); k++) {
                row.put(header.get(k), record.cells().get(k));
            }
            String a = cell(row, "area");
            String p = cell(row, "period");
            String f = cell(row, "framework");
            if (first) {
                area = a;
                period = p;
                framework = f;
                first = false;
            } else {
                same("area", area, a, line, v);
                same("period", period, p, line, v);
                same("framework", framework, f, line, v);
            }
            List<String> lost = new ArrayList<>();
            Double actual = number(row, "actual", line, v, lost);
            DatasetRow r = new DatasetRow(cell(row, "metric"), actual, number(row, "target", line, v, lost),
                    number(row, "national", line, v, lost), number(row, "previous", line, v, lost),
                    integer(row, "grade", line, v), number(row, "predicted", line, v, lost),
                    number(row, "difference", line, v, lost), cell(row, "significance"), cell(row, "rating"),
                    missing(cell(row, "missing"), lost, actual, v, new Violation("missing", "", line)));
            rows.add(r);
            positions.add("line " + line);
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

    /** A number cell: empty is absent, ### is lost (its column added to {@code lost}), anything else must parse. */
    private static Double number(Map<String, String> row, String column, int line, List<Violation> v, List<String> lost) {
        String s = cell(row, column);
        if (s == null) {
            return null;
        }
        if (s.equals(LOST)) {
            lost.add(column);
            return null;
        }
        Double d = number(s);
        if (d == null) {
            v.add(new Violation(column, "must be a number, not \"" + s + "\"", line));
        }
        return d;
    }

    /**
     * Why a row's values are missing: the reason given, else which columns the source printed as {@value #LOST}.
     * A reason given for a row that lost nothing and has its actual value contradicts itself: it is refused, as
     * {@code at} (a violation of the missing field at the row's position).
     */
    static String missing(String given, List<String> lost, Double actual, List<Violation> v, Violation at) {
        if (given != null) {
            if (lost.isEmpty() && actual != null) {
                v.add(new Violation(at.field(), "gives a reason for a lost value, but actual is present and no value "
                        + "is " + LOST, at.line()));
            }
            return given;
        }
        return lost.isEmpty() ? null : String.join(" and ", lost) + " printed as " + LOST + " in the source";
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
