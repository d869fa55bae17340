package dev.inspectorate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.rest.Problem.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records by the physical line they start on; a malformed record is reported and the rest still read. */
class CsvReaderTest {

    @Test
    void recordsCarryTheLineTheyStartOnAndMalformedOnesAreReportedInPlace() {
        List<Violation> v = new ArrayList<>();
        List<CsvReader.Record> records = CsvReader.records("""
                a,b
                1,"two
                lines"

                3,"say ""hi\"""
                4,x"y
                5,"6"z
                "never closed,7
                8,9""", v);
        assertEquals(List.of(
                new CsvReader.Record(1, List.of("a", "b")),
                new CsvReader.Record(2, List.of("1", "two\nlines")),
                new CsvReader.Record(5, List.of("3", "say \"hi\"")),
                new CsvReader.Record(6, null),
                new CsvReader.Record(7, null),
                new CsvReader.Record(8, null)), records);
        assertEquals(List.of(
                new Violation("row", "has a quote inside unquoted value 2; quote the whole value and double the quote", 6),
                new Violation("row", "has text after the closing quote of value 2", 7),
                new Violation("row", "has a quoted value that is never closed", 8)), v);
    }

    @Test
    void crLfAndLoneCrEndRecords() {
        List<Violation> v = new ArrayList<>();
        assertEquals(List.of(new CsvReader.Record(1, List.of("a")), new CsvReader.Record(2, List.of("b")),
                new CsvReader.Record(3, List.of("c"))), CsvReader.records("a\r\nb\rc\n", v));
        assertEquals(List.of(), v);
    }

    @Test
    void theHeaderMayNameEachKnownColumnOnceAndMustNameTheRequiredOnes() {
        assertEquals(List.of(
                new Violation("colour", "is not a known column; columns are [a, b, c]", 1),
                new Violation("b", "column appears more than once", 1),
                new Violation("c", "column is missing", 1)),
                CsvReader.headerProblems(List.of("a", "b", "colour", "b"), 1, List.of("a", "b", "c"), List.of("a", "c")));
    }

    @Test
    void textIsUtf8WithoutNulAndWithoutItsByteOrderMark() {
        List<Violation> v = new ArrayList<>();
        assertEquals("a,b", CsvReader.text("\uFEFFa,b".getBytes(StandardCharsets.UTF_8), v));
        assertEquals(null, CsvReader.text(new byte[] {(byte) 0xC3, 0x28}, v));
        assertEquals(null, CsvReader.text("a\u0000".getBytes(StandardCharsets.UTF_8), v));
        assertEquals(List.of(new Violation("body", "is not UTF-8 text"), new Violation("body", StorableText.MESSAGE)), v);
    }
}
