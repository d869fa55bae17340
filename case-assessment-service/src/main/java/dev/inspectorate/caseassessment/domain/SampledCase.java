package dev.inspectorate.caseassessment.domain;

import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Question;
import java.util.List;
import java.util.Map;

/** A case of the sample with its current answers, as commands see it. */
public record SampledCase(String inspectionId, String caseId, CaseCharacteristics characteristics,
        CaseStatus status, String assignee, Map<String, Answer> answers, long version) {

    public SampledCase {
        answers = Map.copyOf(answers);
    }

    /** The questions of the framework that can apply to this case. */
    public List<Question> applicableQuestions(Catalogue catalogue) {
        return catalogue.questions().stream().filter(q -> q.canApplyTo(characteristics)).toList();
    }

    /** Questions that can apply and have no answer yet; submission needs none. */
    public List<String> unanswered(Catalogue catalogue) {
        return applicableQuestions(catalogue).stream().map(Question::id).filter(q -> !answers.containsKey(q)).toList();
    }
}
