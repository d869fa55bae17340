package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code inspection.closed}: fieldwork is over; nothing more is recorded for the inspection. */
public record InspectionClosed(String inspectionId, String closedBy) {
    public InspectionClosed {
        present(inspectionId, "inspectionId");
        present(closedBy, "closedBy");
    }
}
