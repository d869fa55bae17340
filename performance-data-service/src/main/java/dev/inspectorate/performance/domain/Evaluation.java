package dev.inspectorate.performance.domain;

/** A value against its target: met or near miss earn the reports' asterisk. */
public enum Evaluation {
    MET,
    NEAR_MISS,
    MISSED,
    /** Management information, a missing value, or no target to judge against. */
    NOT_ASSESSED;

    public boolean asterisk() {
        return this == MET || this == NEAR_MISS;
    }

    /** The target a row is judged against: its own as reported, else the metric's default. */
    public static Double target(Metric m, Double reported) {
        return reported != null ? reported : m.target();
    }

    /**
     * Judges an actual value, the one rule every view uses. A metric judged against its predicted rate is met when
     * the actual rate beats the prediction in the metric's direction and missed otherwise: the reports call a rate
     * higher or lower than predicted, with no near miss. Any other metric is met when the actual reaches the target
     * (as reported, else the default) in its direction, and a near miss when it falls short by no more than the
     * tolerance, a percentage of the target.
     */
    public static Evaluation of(Metric m, Double actual, Double reportedTarget, Double predicted) {
        if (m.managementInformation() || actual == null) {
            return NOT_ASSESSED;
        }
        boolean higher = m.direction() == Metric.Direction.HIGHER;
        if (m.againstPredicted()) {
            if (predicted == null) {
                return NOT_ASSESSED;
            }
            return (higher ? actual > predicted : actual < predicted) ? MET : MISSED;
        }
        Double target = target(m, reportedTarget);
        if (target == null) {
            return NOT_ASSESSED;
        }
        double slack = Math.abs(target) * m.toleranceOrDefault() / 100.0;
        double shortfall = higher ? target - actual : actual - target;
        if (shortfall <= 1e-9) {
            return MET;
        }
        return shortfall <= slack + 1e-9 ? NEAR_MISS : MISSED;
    }
}
