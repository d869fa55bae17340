package dev.inspectorate.caseassessment.domain;

import java.util.List;

/**
 * Why a command cannot be applied. {@code field} names the input at fault; {@code kind} says how: the input breaks
 * a rule, the current state forbids it, the caller may not, or the case still has unanswered questions.
 */
public record Refusal(Kind kind, String field, String message, List<String> missing) {
    public enum Kind {
        /** The input breaks a rule of the framework or the sample (422). */
        RULE,
        /** The current state forbids it, e.g. the case was submitted (409). */
        STATE,
        /** The caller's role on the inspection does not allow it (403). */
        FORBIDDEN,
        /** Submission with applicable questions unanswered (422, with the list). */
        INCOMPLETE
    }

    public Refusal {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public static Refusal rule(String field, String message) {
        return new Refusal(Kind.RULE, field, message, null);
    }

    public static Refusal state(String field, String message) {
        return new Refusal(Kind.STATE, field, message, null);
    }

    public static Refusal forbidden(String field, String message) {
        return new Refusal(Kind.FORBIDDEN, field, message, null);
    }

    public static Refusal incomplete(List<String> missing) {
        return new Refusal(Kind.INCOMPLETE, "questions", missing.size() + " applicable question(s) are unanswered", missing);
    }
}
