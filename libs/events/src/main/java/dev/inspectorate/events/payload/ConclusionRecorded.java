package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/**
 * {@code conclusion.recorded}: the lead inspector confirmed or overrode the conclusion on a case-scored
 * criterion (OMI1: good / a priority for improvement / an urgent priority for improvement).
 */
public record ConclusionRecorded(String inspectionId, String criterionId, String conclusion, String recordedBy) {
    public ConclusionRecorded {
        present(inspectionId, "inspectionId");
        present(criterionId, "criterionId");
        present(conclusion, "conclusion");
        present(recordedBy, "recordedBy");
    }
}
