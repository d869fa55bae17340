package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code case.assessment.submitted}: every applicable question of the case is answered and its assessor is done. */
public record CaseAssessmentSubmitted(String inspectionId, String caseId, String submittedBy) {
    public CaseAssessmentSubmitted {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(submittedBy, "submittedBy");
    }
}
