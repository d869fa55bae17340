package dev.inspectorate.caseassessment.api;

import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One offender case of the sample with the characteristics the reports break results down by.")
public record SampleEntry(
        @Schema(example = "C001")
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}", message = "must be 1 to 32 letters, digits, '-' or '_'")
        String caseId,
        @Schema(example = "community-order") @NotNull CaseType caseType,
        @Schema(example = "medium") @NotNull RoshLevel roshLevel,
        @Schema(description = "Prolific and priority offender") boolean ppo,
        @Schema(description = "MAPPA level, 0 for none", example = "0") @Min(0) @Max(3) int mappaLevel,
        @Schema(example = "male") @NotNull Gender gender,
        @Schema(example = "white") @NotNull Ethnicity ethnicity,
        @Schema(example = "2") @Min(1) @Max(4) Integer tier,
        @Schema(description = "Resident in approved premises") boolean approvedPremises,
        @Schema(description = "Statutory victim contact case") boolean victimContact,
        @Schema(description = "Child safeguarding concern") boolean childSafeguarding,
        @Schema(description = "A pre-sentence report was prepared") boolean psr) {

    public CaseCharacteristics characteristics() {
        return new CaseCharacteristics(caseType, roshLevel, ppo, mappaLevel, gender, ethnicity, tier,
                approvedPremises, victimContact, childSafeguarding, psr);
    }
}
