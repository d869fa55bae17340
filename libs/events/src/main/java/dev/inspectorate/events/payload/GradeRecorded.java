package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/**
 * {@code grade.recorded}: the lead inspector graded a graded criterion (ESI section A and D3, OMI section 4) on
 * the framework's grade scale, from interviews and documents.
 */
public record GradeRecorded(String inspectionId, String criterionId, String grade, String gradedBy) {
    public GradeRecorded {
        present(inspectionId, "inspectionId");
        present(criterionId, "criterionId");
        present(grade, "grade");
        present(gradedBy, "gradedBy");
    }
}
