package dev.inspectorate.frameworks;

/** An assessor's judgement on one question for one case. */
public enum Answer {
    /** The work met the standard ("above the line"). */
    SUFFICIENT,
    INSUFFICIENT,
    /** The question does not apply to this case: it leaves the denominator. */
    NOT_APPLICABLE
}
