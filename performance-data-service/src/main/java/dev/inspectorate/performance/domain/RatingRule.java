package dev.inspectorate.performance.domain;

import java.util.List;
import java.util.Optional;

/**
 * Suggests an IPPF domain or area rating where none was reported. The reports' rule is not published and no simple
 * rule fits their printed ratings, so ratings as reported always win; this only fills gaps. A domain's rating comes
 * from the mean grade (1-4) of its metrics; the area's, as the West Midlands report says its area score does, from
 * the domain ratings (Poor 1, Passable 2, Good 3, Outstanding 4); both against the same configurable thresholds.
 */
public record RatingRule(double passable, double good, double outstanding) {

    /** A domain's rating from its metrics' grades: a mean below {@code passable} Poor, then Passable, Good, Outstanding. */
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

    /** The area's rating from its domains' ratings (as reported or suggested), each scored 1-4. */
    public Optional<String> suggestArea(List<String> domainRatings) {
        return suggest(domainRatings.stream().map(r -> MetricCatalogue.RATINGS.indexOf(r) + 1).toList());
    }
}
