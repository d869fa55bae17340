package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import dev.inspectorate.frameworks.Answer;

/**
 * {@code judgement.moderated}: the lead inspector changed a judgement, with a reason. The moderated answer counts
 * from then on, until the question is judged or moderated again.
 */
public record JudgementModerated(
        String inspectionId, String caseId, String questionId, Answer answer, Answer previousAnswer, String reason,
        String moderator) {
    public JudgementModerated {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(questionId, "questionId");
        present(answer, "answer");
        present(reason, "reason");
        present(moderator, "moderator");
    }
}
