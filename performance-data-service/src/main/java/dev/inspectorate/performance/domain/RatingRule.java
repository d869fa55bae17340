package dev.inspectorate.performance.domain;

import java.util.List;
import java.util.Optional;

/**
 * Suggests an IPPF domain or area rating where none was reported. The reports' rule is not published and no simple
 * rule fits their printed ratings, so ratings as reported always win; this only fills gaps, from the mean grade
 * (1-4) and configurable thresholds.
 */
public record RatingRule(double passable, double good, double outstanding) {

    /** The rating for a mean grade: below {@code passable} Poor, then Passable, Good, Outstanding. */
    public Optional<String> suggest(List<Integer> grades) {
        if (grades.isEmpty()) {
            return Optional.empty();
        }
        double mean = grades.stream().mapToInt(Integer::intValue).average().orElseThrow();
        if (mean >= outstanding) {
            return Optional.of("Outstanding");
        } else if (mean >= good) {
            return Optional.of("Good");
        } else if (mean >= passable) {
            return Optional.of("Passable");
        }
        return Optional.of("Poor");
    }
}
