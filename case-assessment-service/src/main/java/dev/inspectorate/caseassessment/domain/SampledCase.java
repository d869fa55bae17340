package dev.inspectorate.caseassessment.domain;

import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Question;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A case of the sample with its current judgements, as commands see it. */
public record SampledCase(String inspectionId, String caseId, CaseCharacteristics characteristics,
        CaseStatus status, String assignee, Map<String, Judged> judgements, long version) {

    /** A question's current answer and note, and who moderated it (null if nobody did). */
    public record Judged(Answer answer, String note, String moderatedBy) {}

    public SampledCase {
        judgements = Map.copyOf(judgements);
    }

    /** The current answer per question. */
    public Map<String, Answer> answers() {
        Map<String, Answer> out = new LinkedHashMap<>();
        judgements.forEach((q, j) -> out.put(q, j.answer()));
        return out;
    }

    /** The questions of the framework that can apply to this case. */
    public List<Question> applicableQuestions(Catalogue catalogue) {
        return catalogue.questions().stream().filter(q -> q.canApplyTo(characteristics)).toList();
    }

    /** Questions that can apply and have no answer yet; submission needs none. */
    public List<String> unanswered(Catalogue catalogue) {
        return applicableQuestions(catalogue).stream().map(Question::id).filter(q -> !judgements.containsKey(q)).toList();
    }
}
