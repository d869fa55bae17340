package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.frameworks.Framework;
import java.time.LocalDate;
import java.time.OffsetDateTime;

public record InspectionView(
        String id,
        String area,
        Framework framework,
        int catalogueVersion,
        String title,
        LocalDate fieldworkStart,
        LocalDate fieldworkEnd,
        InspectionStatus status,
        long version,
        String openedBy,
        OffsetDateTime openedAt) {}
