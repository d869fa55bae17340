package dev.inspectorate.caseassessment.domain;

public enum CaseStatus {
    /** Being assessed: judgements can be recorded. */
    IN_PROGRESS,
    /** The assessor submitted the case as complete; reopening makes it IN_PROGRESS again. */
    SUBMITTED,
    /** Taken out of the sample; its judgements no longer count. */
    WITHDRAWN
}
