package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.inspectorate.rest.Problem.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sample as CSV: a header row naming the columns (caseId, caseType, roshLevel, ppo, mappaLevel, gender,
 * ethnicity, tier, approvedPremises, victimContact, childSafeguarding, psr; the booleans and tier may be
 * omitted), then one row per case. Every bad cell is reported with its line and column.
 */
final class SampleCsv {
    static final List<String> COLUMNS = List.of("caseId", "caseType", "roshLevel", "ppo", "mappaLevel", "gender",
            "ethnicity", "tier", "approvedPremises", "victimContact", "childSafeguarding", "psr");
    static final Set<String> REQUIRED = Set.of("caseId", "caseType", "roshLevel", "gender", "ethnicity");
    static final Set<String> BOOLEANS = Set.of("ppo", "approvedPremises", "victimContact", "childSafeguarding", "psr");

    record Parsed(List<SampleEntry> entries, List<Violation> violations) {}

    private SampleCsv() {}

    static Parsed parse(byte[] body, ObjectMapper json, Validator validator, int maxRows) {
        List<Violation> violations = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(List.of(), List.of(new Violation("body", "is not UTF-8 text")));
        }
        if (!dev.inspectorate.rest.StorableText.storable(text)) {
            return new Parsed(List.of(), List.of(new Violation("body", dev.inspectorate.rest.StorableText.MESSAGE)));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<SampleEntry> entries = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnReordering(false))
                .readValues(text)) {
            List<String> header = new ArrayList<>();
            if (rows.getParserSchema() instanceof CsvSchema schema) {
                schema.forEach(c -> header.add(c.getName()));
            }
            if (header.isEmpty() && !rows.hasNext()) {
                return new Parsed(List.of(), List.of(new Violation("body", "is empty: a header row and at least one case are needed", 1)));
            }
            for (String column : header) {
                if (!COLUMNS.contains(column)) {
                    violations.add(new Violation(column, "is not a known column; columns are " + COLUMNS, 1));
                }
            }
            for (String required : REQUIRED) {
                if (!header.contains(required)) {
                    violations.add(new Violation(required, "column is missing", 1));
                }
            }
            if (!violations.isEmpty()) {
                return new Parsed(List.of(), violations);
            }
            int line = 1;
            while (rows.hasNextValue()) {
                line++;
                Map<String, String> row = rows.nextValue();
                if (entries.size() + 1 > maxRows) {
                    violations.add(new Violation("body", "has more than " + maxRows + " cases", line));
                    break;
                }
                SampleEntry entry = entry(row, line, json, violations);
                if (entry != null) {
                    for (ConstraintViolation<SampleEntry> v : validator.validate(entry)) {
                        violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage(), line));
                    }
                    entries.add(entry);
                }
            }
            if (entries.isEmpty() && violations.isEmpty()) {
                violations.add(new Violation("body", "holds no cases", 1));
            }
        } catch (IOException | RuntimeException e) {
            violations.add(new Violation("body", "is not well-formed CSV: " + firstLine(e.getMessage())));
        }
        return new Parsed(entries, violations);
    }

    /** One row as a sample entry, or null with the violations of its cells added. */
    private static SampleEntry entry(Map<String, String> row, int line, ObjectMapper json, List<Violation> violations) {
        Map<String, Object> values = new LinkedHashMap<>();
        int before = violations.size();
        for (var cell : row.entrySet()) {
            String column = cell.getKey();
            String value = cell.getValue() == null ? "" : cell.getValue().trim();
            if (value.isEmpty()) {
                continue;
            }
            if (BOOLEANS.contains(column)) {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "1" -> values.put(column, true);
                    case "false", "no", "n", "0" -> values.put(column, false);
                    default -> violations.add(new Violation(column, "must be true or false, not \"" + value + "\"", line));
                }
            } else if (column.equals("mappaLevel") || column.equals("tier")) {
                try {
                    values.put(column, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    violations.add(new Violation(column, "must be a whole number, not \"" + value + "\"", line));
                }
            } else {
                values.put(column, value);
            }
        }
        for (String required : REQUIRED) {
            if (!values.containsKey(required) && violations.size() == before) {
                violations.add(new Violation(required, "is required", line));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        try {
            return json.convertValue(values, SampleEntry.class);
        } catch (IllegalArgumentException e) {
            String field = e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !m.getPath().isEmpty() ? m.getPath().get(0).getFieldName() : "row";
            violations.add(new Violation(field, "has a value that is not allowed: \"" + values.get(field) + "\"", line));
            return null;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
