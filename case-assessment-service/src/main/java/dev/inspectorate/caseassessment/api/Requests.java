package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.TeamRole;
import dev.inspectorate.frameworks.Answer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the workflow's commands. */
public final class Requests {
    private Requests() {}

    static final int MAX_BATCH = 5000;

    @Schema(description = "A member's role on the inspection team.")
    public record TeamRoleRequest(@Schema(example = "inspector") @NotNull TeamRole role) {}

    @Schema(description = "Who reads the case: a member of the inspection team.")
    public record AssignRequest(@Schema(example = "martin.jolly") @NotBlank @Size(max = 100) String assignee) {}

    @Schema(description = "Why the case leaves the sample.")
    public record WithdrawRequest(
            @Schema(example = "Transferred to another area before fieldwork") @NotBlank @Size(max = 2000) String reason) {}

    @Schema(description = "The lead inspector's answer, replacing the assessor's, and why.")
    public record ModerateRequest(
            @Schema(example = "INSUFFICIENT") @NotNull Answer answer,
            @Schema(example = "No record of the RoSH screening on file") @NotBlank @Size(max = 2000) String reason) {}

    @Schema(description = "Why a submitted case is reopened.")
    public record ReopenRequest(@Schema(example = "Moderation found gaps") @Size(max = 2000) String reason) {}

    @Schema(description = "A grade on the criterion's scale.")
    public record GradeRequest(@Schema(example = "Sufficiently effective") @NotBlank @Size(max = 100) String grade) {}

    @Schema(description = "The conclusion on a case-scored criterion: one of its band labels.")
    public record ConclusionRequest(@Schema(example = "a priority for improvement") @NotBlank @Size(max = 100) String conclusion) {}

    @Schema(description = "One judgement of a batch.")
    public record BatchItem(
            @Schema(example = "C001") @NotBlank @Size(max = 32) String caseId,
            @Schema(example = "1.2.01") @NotBlank @Size(max = 16) String questionId,
            @Schema(example = "SUFFICIENT") @NotNull Answer answer,
            @Size(max = 2000) String note) {}

    @Schema(description = "Judgements on any cases of the inspection, recorded all or none.")
    public record BatchRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull BatchItem> judgements) {}
}
