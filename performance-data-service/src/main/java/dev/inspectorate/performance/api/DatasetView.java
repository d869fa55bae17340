package dev.inspectorate.performance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A loaded dataset with every row evaluated against its target. */
public record DatasetView(
        String id,
        String area,
        String period,
        String framework,
        int version,
        String supersedes,
        String supersededBy,
        String loadedBy,
        OffsetDateTime loadedAt,
        List<RowView> rows,
        Map<String, Rating> ratings) {

    /**
     * A metric's values as reported, its evaluation, and whether it earns the reports' asterisk. An IPPF row
     * reported without a grade gets a suggested one where it can be judged against a target.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A metric's values as reported (absent where the source prints none) and how it is judged.")
    public record RowView(
            @Schema(example = "nps-enforcement-ten-days") String metric,
            @Schema(description = "The metric's name in the catalogue") String name,
            @Schema(description = "The IPPF domain; absent for NPS and contextual metrics", example = "public-protection") String domain,
            @Schema(enumeration = {"percent", "percent-of-target", "days", "count", "rate", "ratio", "gbp-million"}) String unit,
            @Schema(description = "Which way is better; absent for contextual figures", enumeration = {"higher", "lower"}) String direction,
            @Schema(example = "95") Double actual,
            @Schema(description = "The target as reported", example = "90") Double target,
            @Schema(description = "The catalogue's default target, where the row reports none: what it was judged against", example = "90") Double defaultTarget,
            @Schema(description = "The England and Wales figure: as reported on the row, else from the current national dataset (nationalFrom)", example = "91") Double national,
            @Schema(description = "The national dataset the national figure comes from, where the row reported none", example = "england-and-wales-2005-06-nps-v1") String nationalFrom,
            @Schema(description = "The previous period's value as reported (IPPF: previous year Q4)") Double previous,
            @Schema(description = "The IPPF grade (1-4) as reported", example = "3") Integer grade,
            @Schema(description = "An IPPF grade suggested from the target where none was reported", example = "3") Integer suggestedGrade,
            @Schema(description = "The predicted rate a reconviction rate is judged against", example = "53.5") Double predicted,
            @Schema(description = "Actual minus predicted, as reported", example = "-1.6") Double difference,
            @Schema(description = "Whether the difference is significant, as reported", example = "Better") String significance,
            @Schema(description = "Why a value is missing", example = "actual printed as ### in the source") String missing,
            @Schema(enumeration = {"MET", "NEAR_MISS", "MISSED", "NOT_ASSESSED"}) String evaluation,
            @Schema(description = "The reports' asterisk: met or near miss") boolean asterisk,
            @Schema(enumeration = {"better", "worse", "same"}) String comparedWithNational) {}

    /** An IPPF domain or area rating: as reported, or suggested from the grades (as reported or suggested). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rating(String reported, String suggested) {}
}
