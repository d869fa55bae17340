package dev.inspectorate.reporting.api;

import java.util.Locale;

/**
 * A question's proportion worded as a report finding, for the lead inspector to accept or edit: the catalogue's
 * finding for the question, completed with how often it held. "A RoSH screening was completed on time in 85% of
 * cases." The percentage is the displayed one (half-up), except where it would mislead: "all" and "none" only when
 * every or no case met it ("in all but 1 of the 200 cases" rather than a rounded 100%), and below {@link #FEW} cases
 * the counts themselves ("in 7 of 8 cases"), as the reports give small groups.
 */
final class Findings {
    /** Fewer applicable cases than this are worded as counts: a percentage of a handful overstates its precision. */
    static final int FEW = 20;

    private Findings() {}

    static String sentence(String finding, int sufficient, int applicable, int percent) {
        return finding.substring(0, 1).toUpperCase(Locale.ROOT) + finding.substring(1) + " "
                + proportion(sufficient, applicable, percent) + ".";
    }

    private static String proportion(int sufficient, int applicable, int percent) {
        boolean few = applicable < FEW;
        if (sufficient == applicable) {
            return applicable == 1 ? "in the one case" : few ? "in all " + applicable + " cases" : "in all cases";
        }
        if (sufficient == 0) {
            return few && applicable > 1 ? "in none of the " + applicable + " cases" : "in none of the cases";
        }
        if (few) {
            return "in " + sufficient + " of " + applicable + " cases";
        }
        if (percent == 100) {
            return "in all but " + (applicable - sufficient) + " of the " + applicable + " cases";
        }
        if (percent == 0) {
            return "in " + sufficient + " of the " + applicable + " cases";
        }
        return "in " + percent + "% of cases";
    }
}
