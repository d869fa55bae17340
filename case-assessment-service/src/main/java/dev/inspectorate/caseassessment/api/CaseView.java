package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.frameworks.CaseCharacteristics;

public record CaseView(
        String inspectionId,
        String caseId,
        CaseCharacteristics characteristics,
        CaseStatus status,
        String assignee,
        long version) {}
