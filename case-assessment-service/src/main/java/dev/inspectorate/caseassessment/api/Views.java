package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.TeamRole;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import java.time.OffsetDateTime;
import java.util.List;

/** What the workflow's reads return. */
public final class Views {
    private Views() {}

    public record TeamMember(String user, TeamRole role) {}

    /** A case of the sample with its progress: applicable questions answered, of those that can apply. */
    public record CaseSummary(String inspectionId, String caseId, CaseCharacteristics characteristics,
            CaseStatus status, String assignee, int answered, int applicable, long version) {}

    public record Judgement(String questionId, Answer answer, String note, String assessor, OffsetDateTime recordedAt,
            String moderatedBy, String moderationReason) {}

    /** A case with every current judgement and the applicable questions still unanswered. */
    public record CaseDetail(CaseSummary summary, List<Judgement> judgements, List<String> unanswered) {}

    /** One change to a case: who, when, what and why (the event's data holds any reason). */
    public record HistoryEntry(long sequence, String type, OffsetDateTime recordedAt, String actor, JsonNode data) {}

    /** Per assessor: cases assigned, of which submitted, and judgements recorded on them. */
    public record AssessorProgress(String assignee, int cases, int submitted, int withdrawn, int judgements) {}

    public record Grade(String criterionId, String grade, String gradedBy, OffsetDateTime gradedAt) {}

    public record Conclusion(String criterionId, String conclusion, String recordedBy, OffsetDateTime recordedAt) {}

    public record GradesAndConclusions(List<Grade> grades, List<Conclusion> conclusions) {}
}
