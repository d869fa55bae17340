package dev.inspectorate.rest;

import dev.inspectorate.rest.Problem.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** A refusal the caller can act on; rendered as problem+json with its status. Nothing was changed. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail, List<Violation> violations,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** 400: the request breaks the listed rules. */
    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(400, "validation", "The request is invalid", detail, violations, null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    /** 404: the named thing does not exist (or the caller may not know it exists). */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null, null);
    }

    /** 409: the request conflicts with the current state, e.g. a case already submitted. */
    public static ProblemException conflict(String slug, String detail, Map<String, Object> extensions) {
        return new ProblemException(409, slug, "Conflict with the current state", detail, null, extensions);
    }

    /** 422: well-formed, but the rules of the domain refuse it; the violations name the fields. */
    public static ProblemException refused(String field, String message) {
        return new ProblemException(422, "refused", "The request breaks a rule of the inspection",
                field + ": " + message, List.of(new Violation(field, message)), null);
    }

    /** 403: authenticated, but this caller may not do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
    }

    /** 403 naming the input that makes it forbidden, e.g. the inspection of another area. */
    public static ProblemException forbidden(String field, String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of(new Violation(field, detail)), null);
    }

    public Problem toProblem(String instance) {
        return new Problem(URI.create(Problem.TYPE_BASE + slug), title, status, getMessage(), instance, violations,
                extensions);
    }

    public int status() {
        return status;
    }
}
