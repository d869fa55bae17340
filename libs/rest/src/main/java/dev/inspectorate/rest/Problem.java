package dev.inspectorate.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem detail, with the list of bad fields the platform adds. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "violations"})
public record Problem(
        URI type, String title, int status, String detail, String instance, List<Violation> violations,
        Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://inspectorate.dev/problems/";

    /** One bad input: the field (a JSON path, query parameter, header or CSV column) and what is wrong. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message, Integer line) {
        public Violation(String field, String message) {
            this(field, message, null);
        }
    }

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
