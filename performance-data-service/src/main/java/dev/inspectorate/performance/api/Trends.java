package dev.inspectorate.performance.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How each metric moved between two periods, in the metric's own direction. */
final class Trends {
    private Trends() {}

    static Map<String, String> between(List<DatasetView> now, List<DatasetView> before) {
        Map<String, DatasetView.RowView> earlier = new HashMap<>();
        before.forEach(d -> d.rows().forEach(r -> earlier.put(r.metric(), r)));
        Map<String, String> out = new LinkedHashMap<>();
        for (DatasetView d : now) {
            for (DatasetView.RowView r : d.rows()) {
                DatasetView.RowView e = earlier.get(r.metric());
                if (e == null || e.actual() == null || r.actual() == null) {
                    continue;
                }
                double change = r.actual() - e.actual();
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
