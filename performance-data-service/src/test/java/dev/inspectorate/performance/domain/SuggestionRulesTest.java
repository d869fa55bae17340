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

    @Test
    void areaRatingFromTheDomainRatings() {
        // West Midlands 2007-08: Passable, Passable, Passable, Good = (2 + 2 + 2 + 3) / 4 = 2.25, Passable as printed.
        assertEquals(Optional.of("Passable"), RATINGS.suggestArea(List.of("Passable", "Passable", "Passable", "Good")));
        // (1 + 2 + 2 + 2) / 4 = 1.75, the Passable threshold; (1 + 1 + 2 + 2) / 4 = 1.5, Poor.
        assertEquals(Optional.of("Passable"), RATINGS.suggestArea(List.of("Poor", "Passable", "Passable", "Passable")));
        assertEquals(Optional.of("Poor"), RATINGS.suggestArea(List.of("Poor", "Poor", "Passable", "Passable")));
        // (2 + 3 + 3 + 2) / 4 = 2.5, Good; (3 + 3 + 4 + 3) / 4 = 3.25, Outstanding; (3 + 4 + 3 + 2) / 4 = 3, Good.
        assertEquals(Optional.of("Good"), RATINGS.suggestArea(List.of("Passable", "Good", "Good", "Passable")));
        assertEquals(Optional.of("Outstanding"), RATINGS.suggestArea(List.of("Good", "Good", "Outstanding", "Good")));
        assertEquals(Optional.of("Good"), RATINGS.suggestArea(List.of("Good", "Outstanding", "Good", "Passable")));
        assertEquals(Optional.empty(), RATINGS.suggestArea(List.of()));
    }

    @Test
    void aReconvictionRateIsJudgedAgainstItsPredictionWithNoNearMiss() {
        Metric reconviction = CATALOGUE.metric("nps-reconviction-two-year-community-orders").orElseThrow();
        assertEquals(Evaluation.MISSED, Evaluation.of(reconviction, 54.8, null, 53.5)); // Gloucestershire: 2.4% over
        assertEquals(Evaluation.MISSED, Evaluation.of(reconviction, 53.5, null, 53.5)); // not lower than predicted
        assertEquals(Evaluation.MET, Evaluation.of(reconviction, 50.2, null, 51.7));    // England and Wales
        assertEquals(Evaluation.NOT_ASSESSED, Evaluation.of(reconviction, 54.8, null, null));
        // A target reported on the row is not what it is judged against.
        assertEquals(Evaluation.MISSED, Evaluation.of(reconviction, 54.8, 60.0, 53.5));
        // Any other metric: the reported target, else the catalogue's default, with the near-miss tolerance.
        Metric enforcement = CATALOGUE.metric("nps-enforcement-ten-days").orElseThrow(); // default 90
        assertEquals(Evaluation.NEAR_MISS, Evaluation.of(enforcement, 86.0, null, null));
        assertEquals(Evaluation.MET, Evaluation.of(enforcement, 86.0, 85.0, null));
    }
}
