package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import dev.inspectorate.frameworks.Answer;

/**
 * {@code judgement.recorded}: an assessor answered a question for a case. A later event for the same case and
 * question revises it.
 */
public record JudgementRecorded(
        String inspectionId, String caseId, String questionId, Answer answer, String note, String assessor) {

    public JudgementRecorded {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(questionId, "questionId");
        present(answer, "answer");
        present(assessor, "assessor");
    }
}
