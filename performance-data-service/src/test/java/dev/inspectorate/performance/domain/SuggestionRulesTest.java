package dev.inspectorate.performance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configurable rules that suggest IPPF grades and ratings where the source reports none, at their edges. */
class SuggestionRulesTest {
    static final MetricCatalogue CATALOGUE = MetricCatalogue.load();
    static final GradeRule GRADES = new GradeRule(10);
    static final RatingRule RATINGS = new RatingRule(1.75, 2.5, 3.25);

    @Test
    void gradeFromTheTargetInTheMetricsDirection() {
        Metric higher = CATALOGUE.metric("ippf-ns-public-protection").orElseThrow(); // target 90
        assertEquals(Optional.of(1), GRADES.suggest(higher, 83.0, 90.0));  // 7.8% short
        assertEquals(Optional.of(2), GRADES.suggest(higher, 88.0, 90.0));  // 2.2% short: near miss
        assertEquals(Optional.of(3), GRADES.suggest(higher, 90.0, 90.0));
        assertEquals(Optional.of(3), GRADES.suggest(higher, 98.9, 90.0));  // 9.9% beyond
        assertEquals(Optional.of(4), GRADES.suggest(higher, 99.0, 90.0));  // 10% beyond
        Metric lower = CATALOGUE.metric("ippf-sickness-absence").orElseThrow(); // days, target 9
        assertEquals(Optional.of(4), GRADES.suggest(lower, 8.1, 9.0));
        assertEquals(Optional.of(3), GRADES.suggest(lower, 8.5, 9.0));
        assertEquals(Optional.of(2), GRADES.suggest(lower, 9.4, 9.0));
        assertEquals(Optional.of(1), GRADES.suggest(lower, 14.8, 9.0));
        // Nothing to judge: management information, no target, a lost value.
        assertEquals(Optional.empty(), GRADES.suggest(CATALOGUE.metric("ippf-obp-attrition").orElseThrow(), 39.0, null));
        assertEquals(Optional.empty(), GRADES.suggest(CATALOGUE.metric("ippf-referrals-to-lsc").orElseThrow(), 4232.0, null));
        assertEquals(Optional.empty(), GRADES.suggest(higher, null, 90.0));
    }

    @Test
    void ratingFromTheMeanGrade() {
        assertEquals(Optional.of("Poor"), RATINGS.suggest(List.of(1, 2)));                // 1.5
        assertEquals(Optional.of("Passable"), RATINGS.suggest(List.of(1, 2, 2, 2)));     // 1.75
        assertEquals(Optional.of("Passable"), RATINGS.suggest(List.of(2, 3, 2, 2)));     // 2.25
        assertEquals(Optional.of("Good"), RATINGS.suggest(List.of(2, 3)));              // 2.5
        assertEquals(Optional.of("Outstanding"), RATINGS.suggest(List.of(3, 3, 3, 4)));  // 3.25
        assertEquals(Optional.empty(), RATINGS.suggest(List.of()));
    }
}
