package dev.inspectorate.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies no client should send: malformed and truncated JSON, wrong types, empty and huge bodies, deep nesting,
 * bad encodings, and injection strings in every position. A service must answer each with a 4xx (or accept it
 * when it is, in fact, valid) and never a 5xx; what it refuses it must not half-write.
 */
public final class HostileInput {
    private HostileInput() {}

    /** A body and the content type it claims. */
    public record Body(String description, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return description;
        }
    }

    public static final List<String> STRINGS = List.of(
            "'; DROP TABLE events; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "\u0000", "\uD800",
            "😀".repeat(50), "x".repeat(100_000), "");

    /** Generic hostile JSON and text bodies, plus each injection string in place of every field of a valid one. */
    public static List<Body> bodies(String validJson) {
        List<Body> out = new ArrayList<>();
        json(out, "empty body", "");
        json(out, "whitespace", "   ");
        json(out, "truncated", validJson.substring(0, validJson.length() / 2));
        json(out, "not JSON", "hello");
        json(out, "null", "null");
        json(out, "number", "42");
        json(out, "string", "\"x\"");
        json(out, "array instead of object", "[" + validJson + "]");
        json(out, "object instead of array", "{\"a\": 1}");
        json(out, "deep nesting", "[".repeat(5_000) + "]".repeat(5_000));
        json(out, "huge string", "{\"a\": \"" + "x".repeat(500_000) + "\"}");
        json(out, "duplicate keys", validJson.replaceFirst("\\{", "{\"x\": 1, \"x\": 2, "));
        json(out, "trailing garbage", validJson + "}}}");
        json(out, "unknown field", validJson.replaceFirst("\\{", "{\"shoeSize\": 44, "));
        out.add(new Body("UTF-16", "application/json", validJson.getBytes(StandardCharsets.UTF_16)));
        out.add(new Body("invalid UTF-8", "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        out.add(new Body("wrong content type", "text/plain", validJson.getBytes(StandardCharsets.UTF_8)));
        out.add(new Body("XML", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
        // Every string value replaced by each hostile string; every number by a string and by a huge number.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Za-z]+)\"\\s*:\\s*(\"[^\"]*\"|-?[0-9.]+|true|false)")
                .matcher(validJson);
        while (m.find()) {
            for (String s : STRINGS) {
                json(out, m.group(1) + "=" + shorten(s), validJson.substring(0, m.start(2)) + quote(s)
                        + validJson.substring(m.end(2)));
            }
            json(out, m.group(1) + "=object", validJson.substring(0, m.start(2)) + "{}" + validJson.substring(m.end(2)));
            json(out, m.group(1) + "=huge number", validJson.substring(0, m.start(2)) + "1" + "0".repeat(400)
                    + validJson.substring(m.end(2)));
        }
        return out;
    }

    /** Hostile CSV bodies around a valid one (header and rows). */
    public static List<Body> csv(String validCsv) {
        List<Body> out = new ArrayList<>();
        csv(out, "empty", "");
        csv(out, "header only", validCsv.lines().findFirst().orElse(""));
        csv(out, "unbalanced quote", validCsv + "\"unterminated,row\n");
        csv(out, "too many columns", validCsv + "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r\n");
        csv(out, "formula injection", validCsv.replaceFirst("\n([^,\n]+),", "\n=HYPERLINK(\"x\"),"));
        csv(out, "SQL in every cell", validCsv.replaceAll("(?m)(?<=,|^)[^,\n]+", "'; DROP TABLE events; --")
                .replaceFirst("^[^\n]*", validCsv.lines().findFirst().orElse("")));
        csv(out, "huge", validCsv + ("x,".repeat(20) + "\n").repeat(5_000));
        out.add(new Body("UTF-16 CSV", "text/csv", validCsv.getBytes(StandardCharsets.UTF_16)));
        out.add(new Body("binary", "text/csv", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13}));
        return out;
    }

    private static void json(List<Body> out, String description, String body) {
        out.add(new Body(description, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void csv(List<Body> out, String description, String body) {
        out.add(new Body(description, "text/csv", body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
