package dev.inspectorate.performance.domain;

import java.util.Optional;

/**
 * Suggests an IPPF grade (1-4) for a metric reported without one, from its evaluation against the target: missed 1,
 * near miss 2, met 3, and 4 when it beats the target by at least {@code outstandingMargin} percent of the target.
 * NOMS's grading rules are not published and this fits only 14 of the 21 West Midlands grades it can judge, so a grade
 * as reported always wins; management information and values without a target get no suggestion.
 */
public record GradeRule(double outstandingMargin) {

    /** From the target as reported (the metric's default where null). */
    public Optional<Integer> suggest(Metric m, Double actual, Double reportedTarget) {
        Double target = Evaluation.target(m, reportedTarget);
        if (target == null) {
            return Optional.empty(); // nothing to judge against, or judged against a prediction, not a target
        }
        return switch (Evaluation.of(m, actual, target, null)) {
            case NOT_ASSESSED -> Optional.empty();
            case MISSED -> Optional.of(1);
            case NEAR_MISS -> Optional.of(2);
            case MET -> {
                double beyond = m.direction() == Metric.Direction.HIGHER ? actual - target : target - actual;
                yield Optional.of(beyond >= Math.abs(target) * outstandingMargin / 100.0 - 1e-9 ? 4 : 3);
            }
        };
    }
}
