package dev.inspectorate.performance.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How each metric moved since its previous value, in the metric's own direction. */
final class Trends {
    private Trends() {}

    /**
     * Each metric of {@code now} against its previous value: the row's own {@code previous} where the source reports
     * one, else the same metric's latest value in an earlier period ({@code before}, metric to value), however many
     * periods (perhaps with only contextual figures) lie between.
     */
    static Map<String, String> of(List<DatasetView> now, Map<String, Double> before) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DatasetView d : now) {
            for (DatasetView.RowView r : d.rows()) {
                Double earlier = r.previous() != null ? r.previous() : before.get(r.metric());
                if (earlier == null || r.actual() == null) {
                    continue;
                }
                double change = r.actual() - earlier;
                boolean higherIsBetter = "higher".equals(r.direction());
                // A contextual figure (no direction) is neither better nor worse for changing.
                out.put(r.metric(), Math.abs(change) < 1e-9 ? "unchanged"
                        : r.direction() == null ? (change > 0 ? "risen" : "fallen")
                        : (change > 0) == higherIsBetter ? "improved" : "worsened");
            }
        }
        return out;
    }
}
