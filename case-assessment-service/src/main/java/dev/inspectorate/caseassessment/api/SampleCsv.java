package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import dev.inspectorate.rest.CsvReader;
import dev.inspectorate.rest.CsvReader.Record;
import dev.inspectorate.rest.Problem.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sample as CSV (RFC 4180): a header row naming the columns (caseId, caseType, roshLevel, ppo, mappaLevel,
 * gender, ethnicity, tier, approvedPremises, victimContact, childSafeguarding, psr; the booleans and tier may be
 * omitted), then one row per case. Every bad cell is reported with its column and the physical line its row starts
 * on (a quoted value may span lines), and so is every row of the wrong shape (libs/rest's {@link CsvReader}).
 */
final class SampleCsv {
    static final List<String> COLUMNS = List.of("caseId", "caseType", "roshLevel", "ppo", "mappaLevel", "gender",
            "ethnicity", "tier", "approvedPremises", "victimContact", "childSafeguarding", "psr");
    static final Set<String> REQUIRED = Set.of("caseId", "caseType", "roshLevel", "gender", "ethnicity");
    static final Set<String> BOOLEANS = Set.of("ppo", "approvedPremises", "victimContact", "childSafeguarding", "psr");
    static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of("caseType", CaseType.class,
            "roshLevel", RoshLevel.class, "gender", Gender.class, "ethnicity", Ethnicity.class);

    /** The entries and, for each, the line its row starts on. */
    record Parsed(List<SampleEntry> entries, List<Integer> lines, List<Violation> violations) {
        static Parsed refused(List<Violation> violations) {
            return new Parsed(List.of(), List.of(), violations);
        }
    }

    private SampleCsv() {}

    static Parsed parse(byte[] body, ObjectMapper json, Validator validator, int maxRows) {
        List<Violation> violations = new ArrayList<>();
        String text = CsvReader.text(body, violations);
        if (text == null) {
            return Parsed.refused(violations);
        }
        List<Record> rows = CsvReader.records(text, violations);
        if (rows.isEmpty()) {
            violations.add(new Violation("body", "is empty: a header row and at least one case are needed", 1));
            return Parsed.refused(violations);
        }
        Record headerRow = rows.get(0);
        if (headerRow.cells() == null) {
            return Parsed.refused(violations);
        }
        List<String> header = headerRow.cells().stream().map(String::trim).toList();
        List<Violation> headerProblems = CsvReader.headerProblems(header, headerRow.line(), COLUMNS, REQUIRED);
        if (!headerProblems.isEmpty()) {
            violations.addAll(headerProblems);
            return Parsed.refused(inFileOrder(violations));
        }
        if (rows.size() - 1 > maxRows) {
            return Parsed.refused(List.of(new Violation("body", "has more than " + maxRows + " cases",
                    rows.get(maxRows + 1).line())));
        }
        List<SampleEntry> entries = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Record row : rows.subList(1, rows.size())) {
            if (row.cells() == null) {
                continue;
            }
            if (row.cells().size() > header.size()) {
                violations.add(new Violation("row", "has " + row.cells().size() + " values; the header names "
                        + header.size() + " columns", row.line()));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int k = 0; k < row.cells().size(); k++) {
                cells.put(header.get(k), row.cells().get(k));
            }
            SampleEntry entry = entry(cells, row.line(), json, validator, violations);
            if (entry != null) {
                entries.add(entry);
                lines.add(row.line());
            }
        }
        if (rows.size() == 1 && violations.isEmpty()) {
            violations.add(new Violation("body", "holds no cases", 1));
        }
        return new Parsed(entries, lines, inFileOrder(violations));
    }

    /** Sorted by line; a line's cells stay in column order. */
    private static List<Violation> inFileOrder(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::line, Comparator.nullsFirst(Comparator.naturalOrder())));
        return violations;
    }

    /** One row as a sample entry, or null with the violations of each of its bad cells added. */
    private static SampleEntry entry(Map<String, String> row, int line, ObjectMapper json, Validator validator,
            List<Violation> violations) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> bad = new HashSet<>();
        for (var cell : row.entrySet()) {
            String column = cell.getKey();
            String value = cell.getValue().trim();
            if (value.isEmpty()) {
                continue;
            }
            String problem = null;
            if (BOOLEANS.contains(column)) {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "1" -> values.put(column, true);
                    case "false", "no", "n", "0" -> values.put(column, false);
                    default -> problem = "must be true or false, not \"" + value + "\"";
                }
            } else if (column.equals("mappaLevel") || column.equals("tier")) {
                try {
                    values.put(column, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    problem = "must be a whole number, not \"" + value + "\"";
                }
            } else if (ENUMS.containsKey(column)) {
                try {
                    json.convertValue(value, ENUMS.get(column));
                    values.put(column, value);
                } catch (IllegalArgumentException e) {
                    problem = "must be one of " + names(json, ENUMS.get(column)) + ", not \"" + value + "\"";
                }
            } else {
                values.put(column, value);
            }
            if (problem != null) {
                violations.add(new Violation(column, problem, line));
                bad.add(column);
            }
        }
        for (String required : REQUIRED) {
            if (!values.containsKey(required) && !bad.contains(required)) {
                violations.add(new Violation(required, "is required", line));
                bad.add(required);
            }
        }
        // The cells that parsed are checked against the entry's rules too, so every bad cell of the row is named.
        SampleEntry entry = json.convertValue(values, SampleEntry.class);
        for (ConstraintViolation<SampleEntry> v : validator.validate(entry)) {
            String field = v.getPropertyPath().toString();
            if (bad.add(field)) {
                violations.add(new Violation(field, v.getMessage(), line));
            }
        }
        return bad.isEmpty() ? entry : null;
    }

    private static List<String> names(ObjectMapper json, Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> json.convertValue(c, String.class)).toList();
    }
}
