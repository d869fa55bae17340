package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code case.assessment.reopened}: a submitted case is open for changes again. */
public record CaseAssessmentReopened(String inspectionId, String caseId, String reopenedBy, String reason) {
    public CaseAssessmentReopened {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(reopenedBy, "reopenedBy");
    }
}
