package dev.inspectorate.reporting.api;

import dev.inspectorate.reporting.report.Report;

/** A question's proportion worded as a report finding, for the lead inspector to accept or edit. */
final class Findings {
    private Findings() {}

    static String sentence(Report.QuestionLine q) {
        String question = q.text().endsWith("?") ? q.text().substring(0, q.text().length() - 1) : q.text();
        return question + ": yes in " + q.percent() + "% of the cases it applied to (" + q.sufficient() + " of "
                + q.applicable() + ").";
    }
}
