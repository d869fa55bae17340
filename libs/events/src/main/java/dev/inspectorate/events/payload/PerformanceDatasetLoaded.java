package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code performance.dataset.loaded}: a version of an area's national performance data for a period was loaded.
 * A later version for the same area, period and framework supersedes it; each row carries its evaluation.
 */
public record PerformanceDatasetLoaded(
        String datasetId,
        String area,
        String period,
        String framework,
        int version,
        String supersedes,
        List<Row> rows) {

    /**
     * One metric: its IPPF domain (null for NPS metrics and rating rows), values as reported (null where not
     * printed), the evaluation (MET, NEAR_MISS, MISSED or NOT_ASSESSED) and, for IPPF ratings, the rating. The
     * evaluation is against {@code target} as reported, else {@code defaultTarget} (the catalogue's, set only where
     * the row reports none), or, for a reconviction rate, against {@code predicted}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String metric, String name, String domain, Double actual, Double target, Double national, Double previous,
            Integer grade, Double predicted, Double difference, String significance, String rating, String missing,
            String evaluation, Double defaultTarget) {

        /** A row with no default target: one reported with its own, or judged against none. */
        public Row(String metric, String name, String domain, Double actual, Double target, Double national,
                Double previous, Integer grade, Double predicted, Double difference, String significance, String rating,
                String missing, String evaluation) {
            this(metric, name, domain, actual, target, national, previous, grade, predicted, difference, significance,
                    rating, missing, evaluation, null);
        }
    }

    public PerformanceDatasetLoaded {
        present(datasetId, "datasetId");
        present(area, "area");
        present(period, "period");
        present(framework, "framework");
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
