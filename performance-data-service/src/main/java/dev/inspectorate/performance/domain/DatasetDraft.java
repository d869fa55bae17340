package dev.inspectorate.performance.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dataset as uploaded: one area's figures for one period under one framework (nps, ippf, or context: the figures of a report's contextual appendix). {@link #flaws}
 * lists every rule it breaks, each at its position (CSV line or JSON row index).
 */
public record DatasetDraft(String area, String period, String framework, List<DatasetRow> rows, List<String> positions) {

    static final Pattern PERIOD = Pattern.compile("(\\d{4})-(\\d{2})");
    public static final List<String> FRAMEWORKS = List.of("nps", "ippf", "context");
    /** The fields of the dataset as a whole, as opposed to those of a row. */
    public static final List<String> DATASET_FIELDS = List.of("area", "period", "framework", "rows");

    /** A broken rule: the field, what is wrong, and where (a CSV line or a JSON row path). */
    public record Flaw(String position, String field, String message) {}

    public DatasetDraft {
        rows = List.copyOf(rows);
        positions = List.copyOf(positions);
    }

    public List<Flaw> flaws(MetricCatalogue catalogue) {
        List<Flaw> flaws = new ArrayList<>();
        String head = positions.isEmpty() ? null : positions.get(0);
        Optional<Area> knownArea = area == null ? Optional.empty() : catalogue.area(area);
        if (area == null || area.isBlank()) {
            flaws.add(new Flaw(head, "area", "is required"));
        } else if (knownArea.isEmpty()) {
            flaws.add(new Flaw(head, "area", "is not a known probation area: " + area));
        }
        if (!validPeriod(period)) {
            flaws.add(new Flaw(head, "period", PERIOD_RULE));
        }
        if (framework == null || !FRAMEWORKS.contains(framework)) {
            flaws.add(new Flaw(head, "framework", "must be nps, ippf or context"));
        }
        if (rows.isEmpty()) {
            flaws.add(new Flaw(head, "rows", "there are no rows"));
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            DatasetRow r = rows.get(i);
            String at = positions.get(i);
            if (r.metric() == null || r.metric().isBlank()) {
                flaws.add(new Flaw(at, "metric", "is required"));
                continue;
            }
            boolean ratingRow = MetricCatalogue.RATING_ROWS.contains(r.metric());
            Optional<Metric> metric = ratingRow ? Optional.empty() : catalogue.metric(r.metric());
            if (!ratingRow && metric.isEmpty()) {
                flaws.add(new Flaw(at, "metric", "is not a known metric: " + r.metric()));
                continue;
            }
            // On the resolved id: a metric named once by id and once by its printed name is still a repeat.
            String id = ratingRow ? r.metric() : metric.get().id();
            String first = seen.putIfAbsent(id, at);
            if (first != null) {
                flaws.add(new Flaw(at, "metric", "repeats " + id + ", first at " + first));
                continue;
            }
            if (ratingRow) {
                if (!"ippf".equals(framework)) {
                    flaws.add(new Flaw(at, "metric", r.metric() + " is an IPPF rating"));
                } else if (r.rating() == null || !MetricCatalogue.RATINGS.contains(r.rating())) {
                    flaws.add(new Flaw(at, "rating", "must be one of " + MetricCatalogue.RATINGS));
                }
                continue;
            }
            Metric m = metric.get();
            if (framework != null && !m.framework().equals(framework)) {
                flaws.add(new Flaw(at, "metric", m.id() + " is an " + m.framework() + " metric, not " + framework));
            }
            if (m.againstPredicted() && r.predicted() == null) {
                flaws.add(new Flaw(at, "predicted", "is required: " + m.id() + " is judged against the predicted rate"));
            } else if (!m.againstPredicted() && !m.managementInformation() && m.target() == null && r.target() == null) {
                flaws.add(new Flaw(at, "target", "is required: " + m.id() + " has no default target"));
            }
            range(m, "actual", r.actual(), at, flaws);
            range(m, "target", r.target(), at, flaws);
            range(m, "national", r.national(), at, flaws);
            range(m, "previous", r.previous(), at, flaws);
            range(m, "predicted", r.predicted(), at, flaws);
            if (r.grade() != null && (r.grade() < 1 || r.grade() > 4)) {
                flaws.add(new Flaw(at, "grade", "must be 1, 2, 3 or 4"));
            }
            if (r.rating() != null) {
                flaws.add(new Flaw(at, "rating", "only IPPF rating rows carry a rating"));
            }
        }
        return flaws;
    }

    public static final String PERIOD_RULE = "must be a financial year such as 2005-06";

    /** A financial year: yyyy-yy where the second year follows the first (1999-00 too). */
    public static boolean validPeriod(String period) {
        if (period == null) {
            return false;
        }
        var m = PERIOD.matcher(period);
        return m.matches() && Integer.parseInt(m.group(2)) == (Integer.parseInt(m.group(1)) + 1) % 100;
    }

    /** No metric counts below zero; a percentage (not of a target) is at most 100. */
    private static void range(Metric m, String column, Double value, String at, List<Flaw> flaws) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            flaws.add(new Flaw(at, column, "must not be negative, not " + value));
        } else if (m.unit() == Metric.Unit.PERCENT && value > 100) {
            flaws.add(new Flaw(at, column, "is a percentage: at most 100, not " + value));
        }
    }
}
