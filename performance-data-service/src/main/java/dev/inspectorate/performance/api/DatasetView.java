package dev.inspectorate.performance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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
    public record RowView(String metric, String name, String domain, String unit, String direction, Double actual, Double target,
            Double national, Double previous, Integer grade, Integer suggestedGrade, Double predicted,
            Double difference, String significance, String missing, String evaluation, boolean asterisk,
            String comparedWithNational) {}

    /** An IPPF domain or area rating: as reported, or suggested from the grades (as reported or suggested). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rating(String reported, String suggested) {}
}
