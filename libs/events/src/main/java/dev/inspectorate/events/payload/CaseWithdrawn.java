package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code case.withdrawn}: the case left the sample; its judgements no longer count. */
public record CaseWithdrawn(String inspectionId, String caseId, String reason, String withdrawnBy) {
    public CaseWithdrawn {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(reason, "reason");
        present(withdrawnBy, "withdrawnBy");
    }
}
