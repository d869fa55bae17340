package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import dev.inspectorate.frameworks.Framework;
import java.time.LocalDate;

/** {@code inspection.opened}: the lead inspector opened an inspection of an area under a framework. */
public record InspectionOpened(
        String inspectionId,
        String area,
        Framework framework,
        int catalogueVersion,
        String title,
        LocalDate fieldworkStart,
        LocalDate fieldworkEnd) {

    public InspectionOpened {
        present(inspectionId, "inspectionId");
        present(area, "area");
        present(framework, "framework");
        present(title, "title");
        present(fieldworkStart, "fieldworkStart");
        present(fieldworkEnd, "fieldworkEnd");
    }
}
