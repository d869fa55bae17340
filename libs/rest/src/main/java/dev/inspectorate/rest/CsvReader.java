package dev.inspectorate.rest;

import dev.inspectorate.rest.Problem.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small RFC 4180 reader for uploads. Written by hand because a CSV library stops at the first malformed record
 * and counts records, not lines: here every record carries the physical line it starts on (a quoted value may span
 * lines), and a malformed record is reported as field {@code row} with its line while the others are still read.
 */
public final class CsvReader {
    private CsvReader() {}

    /** One record and the line it starts on; {@code cells} is null if it is malformed (and reported). */
    public record Record(int line, List<String> cells) {}

    /** The body as text: UTF-8 with no NUL or lone surrogate, without a byte order mark; null (reported) if not. */
    public static String text(byte[] body, List<Violation> violations) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            violations.add(new Violation("body", "is not UTF-8 text"));
            return null;
        }
        if (!StorableText.storable(text)) {
            violations.add(new Violation("body", StorableText.MESSAGE));
            return null;
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The header's problems, each at the header's line: a column not in {@code columns}, a column named twice, a
     * required column missing.
     */
    public static List<Violation> headerProblems(List<String> header, int line, List<String> columns,
            Collection<String> required) {
        List<Violation> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!columns.contains(column)) {
                problems.add(new Violation(column, "is not a known column; columns are " + columns, line));
            } else if (!seen.add(column)) {
                problems.add(new Violation(column, "column appears more than once", line));
            }
        }
        for (String c : required) {
            if (!header.contains(c)) {
                problems.add(new Violation(c, "column is missing", line));
            }
        }
        return problems;
    }

    /**
     * Splits the text into records, skipping blank lines. A quote that does not open or close a value properly is
     * reported with its line, and that record has no cells.
     */
    public static List<Record> records(String text, List<Violation> violations) {
        List<Record> rows = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean broken = false;
            while (true) {
                char ch = i < n ? text.charAt(i) : '\n';
                if (i >= n || ch == '\n' || ch == '\r') {
                    // End of record: \n, \r\n or \r.
                    i += ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    break;
                }
                if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    i++;
                } else if (ch == '"' && cell.isEmpty()) {
                    int quoteLine = line;
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = text.charAt(i);
                        if (q == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else if (q == '"') {
                            closed = true;
                            i++;
                            break;
                        } else {
                            if (q == '\n' || (q == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                                line++;
                            }
                            cell.append(q);
                            i++;
                        }
                    }
                    if (!closed) {
                        violations.add(new Violation("row", "has a quoted value that is never closed", quoteLine));
                        broken = true;
                    } else if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        violations.add(new Violation("row", "has text after the closing quote of value "
                                + (cells.size() + 1), line));
                        broken = true;
                    }
                } else if (ch == '"') {
                    violations.add(new Violation("row", "has a quote inside unquoted value " + (cells.size() + 1)
                            + "; quote the whole value and double the quote", line));
                    broken = true;
                } else {
                    cell.append(ch);
                    i++;
                }
                if (broken) {
                    i = skipToEndOfLine(text, i);
                }
            }
            if (broken) {
                rows.add(new Record(start, null));
                continue;
            }
            cells.add(cell.toString());
            if (cells.size() > 1 || !cells.get(0).isBlank()) {
                rows.add(new Record(start, cells));
            }
        }
        return rows;
    }

    private static int skipToEndOfLine(String text, int i) {
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }
}
