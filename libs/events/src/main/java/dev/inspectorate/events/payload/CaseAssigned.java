package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code case.assigned}: the lead inspector gave a case to an inspector or area assessor to read. */
public record CaseAssigned(String inspectionId, String caseId, String assignee) {
    public CaseAssigned {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(assignee, "assignee");
    }
}
