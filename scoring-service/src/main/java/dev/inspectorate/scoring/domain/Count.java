package dev.inspectorate.scoring.domain;

/** A question's judgements in one inspection: how many cases it applied to, and in how many the work was sufficient. */
public record Count(int sufficient, int applicable) {
    public static final Count NONE = new Count(0, 0);
    private static final double Z = 1.959963984540054; // 95%

    public Count {
        if (sufficient < 0 || applicable < 0 || sufficient > applicable) {
            throw new IllegalArgumentException("need 0 <= sufficient <= applicable, got " + sufficient + "/" + applicable);
        }
    }

    public boolean hasData() {
        return applicable > 0;
    }

    /** Proportion sufficient, as a percentage; only meaningful when {@link #hasData()}. */
    public double percent() {
        return 100.0 * sufficient / applicable;
    }

    /** Wilson score interval at 95%, as percentages {low, high}. */
    public double[] wilson() {
        double n = applicable;
        double p = (double) sufficient / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new double[] {100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)};
    }

    public Count plus(Count other) {
        return new Count(sufficient + other.sufficient, applicable + other.applicable);
    }
}
