package dev.inspectorate.caseassessment.domain;

/**
 * Why a command cannot be applied. {@code field} names the input at fault; {@code kind} says whether the input
 * itself breaks a rule or the current state forbids it.
 */
public record Refusal(Kind kind, String field, String message) {
    public enum Kind {
        /** The input breaks a rule of the framework or the sample (422). */
        RULE,
        /** The current state forbids it, e.g. the case was submitted (409). */
        STATE
    }

    public static Refusal rule(String field, String message) {
        return new Refusal(Kind.RULE, field, message);
    }

    public static Refusal state(String field, String message) {
        return new Refusal(Kind.STATE, field, message);
    }
}
