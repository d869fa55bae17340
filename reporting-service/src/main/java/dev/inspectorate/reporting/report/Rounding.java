package dev.inspectorate.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Whole percentages as the reports print them: half-up. */
final class Rounding {
    private Rounding() {}

    static int percent(int part, int whole) {
        return BigDecimal.valueOf(100L * part).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValueExact();
    }
}
