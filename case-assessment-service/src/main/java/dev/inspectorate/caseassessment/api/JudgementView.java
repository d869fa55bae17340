package dev.inspectorate.caseassessment.api;

import dev.inspectorate.frameworks.Answer;
import java.time.OffsetDateTime;

public record JudgementView(
        String inspectionId,
        String caseId,
        String questionId,
        Answer answer,
        String note,
        String assessor,
        OffsetDateTime recordedAt,
        long caseVersion) {}
