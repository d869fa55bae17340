package dev.inspectorate.caseassessment.domain;

public enum InspectionStatus {
    /** Fieldwork under way: the sample, judgements and grades can change. */
    OPEN,
    /** Closed by the lead inspector: nothing more is recorded. */
    CLOSED
}
