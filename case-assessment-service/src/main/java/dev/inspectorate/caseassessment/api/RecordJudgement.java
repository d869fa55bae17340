package dev.inspectorate.caseassessment.api;

import dev.inspectorate.frameworks.Answer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An assessor's answer to one question for one case.")
public record RecordJudgement(
        @Schema(example = "SUFFICIENT") @NotNull Answer answer,
        @Schema(example = "RoSH screening completed within five working days of sentence")
        @Size(max = 2000) String note) {}
