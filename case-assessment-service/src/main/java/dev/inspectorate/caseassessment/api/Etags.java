package dev.inspectorate.caseassessment.api;

import dev.inspectorate.rest.ProblemException;
import java.util.Optional;

/** Stream versions as entity tags: {@code ETag: "7"}; {@code If-Match: "7"} makes an update conditional. */
final class Etags {
    private Etags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    static Optional<Long> parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return Optional.empty();
        }
        String v = header.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be an entity tag this service issued, e.g. \"3\"");
        }
    }
}
