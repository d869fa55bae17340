package dev.inspectorate.caseassessment.domain;

import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Question;
import java.util.Optional;

/** Whether a judgement may be recorded on a case, by the catalogue and the state of inspection and case. */
public final class JudgementRules {
    private JudgementRules() {}

    public static Optional<Refusal> check(Catalogue catalogue, InspectionStatus inspection, CaseStatus status,
            CaseCharacteristics characteristics, String questionId) {
        if (inspection == InspectionStatus.CLOSED) {
            return Optional.of(Refusal.state("inspection", "the inspection is closed"));
        }
        if (status == CaseStatus.WITHDRAWN) {
            return Optional.of(Refusal.state("case", "the case was withdrawn from the sample"));
        }
        if (status == CaseStatus.SUBMITTED) {
            return Optional.of(Refusal.state("case", "the case was submitted; reopen it to change its judgements"));
        }
        Optional<Question> question = catalogue.question(questionId);
        if (question.isEmpty()) {
            return Optional.of(Refusal.rule("question",
                    "no question " + questionId + " in the " + catalogue.framework().id() + " catalogue"));
        }
        if (!question.get().canApplyTo(characteristics)) {
            return Optional.of(Refusal.rule("question",
                    "question " + questionId + " cannot apply to this case, given its characteristics"));
        }
        return Optional.empty();
    }
}
