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

    /**
     * Judges an actual value: met when it reaches the target in the metric's direction; a near miss when it falls
     * short by no more than the tolerance, a percentage of the target.
     */
    public static Evaluation of(Metric m, Double actual, Double target) {
        if (m.managementInformation() || actual == null || target == null) {
            return NOT_ASSESSED;
        }
        double slack = Math.abs(target) * m.toleranceOrDefault() / 100.0;
        boolean higher = m.direction() == Metric.Direction.HIGHER;
        double shortfall = higher ? target - actual : actual - target;
        if (shortfall <= 1e-9) {
            return MET;
        }
        return shortfall <= slack + 1e-9 ? NEAR_MISS : MISSED;
    }
}
