package dev.inspectorate.reporting.report;

import java.util.List;
import java.util.Map;

/** What the lead inspector writes: everything in the report that does not come from judgements or data. */
public record Editorial(
        String foreword,
        Map<String, String> summaries,
        List<String> recommendations,
        String nextSteps,
        List<GoodPractice> goodPractice,
        Map<String, Findings> findings,
        String context,
        String serviceUsers) {

    public record GoodPractice(String criterionId, String title, String text) {}

    /** Strengths and areas for improvement of one criterion, as quantified findings. */
    public record Findings(List<String> strengths, List<String> improvements) {
        public Findings {
            strengths = strengths == null ? List.of() : List.copyOf(strengths);
            improvements = improvements == null ? List.of() : List.copyOf(improvements);
        }
    }

    public Editorial {
        summaries = summaries == null ? Map.of() : Map.copyOf(summaries);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        goodPractice = goodPractice == null ? List.of() : List.copyOf(goodPractice);
        findings = findings == null ? Map.of() : Map.copyOf(findings);
    }

    public static final Editorial NONE = new Editorial(null, null, null, null, null, null, null, null);
}
