package dev.inspectorate.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A score as a percentage: {@code value} unrounded, as computed; {@code display()} rounded half-up as the reports
 * print it (5 of 8 is 62.5, shown 63); {@code band} the framework's comment, if it has one; {@code low} and
 * {@code high} a 95% interval; {@code questions} the questions with data it is made of, {@code judgements} their
 * applicable judgements (sufficient or not; one per case and question).
 */
public record Score(double value, double low, double high, String band, int questions, int judgements) {

    public int display() {
        return roundHalfUp(value);
    }

    public Score withBand(String band) {
        return new Score(value, low, high, band, questions, judgements);
    }

    /** Half-up at whole numbers, after trimming floating-point noise (62.499999999 from sums of fractions). */
    public static int roundHalfUp(double percent) {
        return BigDecimal.valueOf(percent).setScale(9, RoundingMode.HALF_EVEN).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
}
