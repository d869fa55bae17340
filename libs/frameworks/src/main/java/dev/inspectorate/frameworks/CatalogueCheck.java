package dev.inspectorate.frameworks;

import dev.inspectorate.frameworks.ScoringRules.CriterionRule;
import dev.inspectorate.frameworks.ScoringRules.SectionRule;
import dev.inspectorate.frameworks.ScoringRules.ThreadRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The consistency rules every catalogue must satisfy before the platform will score with it. */
public final class CatalogueCheck {
    private CatalogueCheck() {}

    /** Every problem found; empty when the catalogue is sound. */
    public static List<String> problems(Catalogue c) {
        List<String> p = new ArrayList<>();
        ScoringRules rules = c.scoring();
        if (c.framework() == null || rules == null || rules.criterion() == null || rules.section() == null) {
            p.add("framework and scoring.criterion/section are required");
            return p;
        }
        Set<String> ids = new HashSet<>();
        Set<String> sectionIds = new HashSet<>();
        for (Section s : c.sections()) {
            if (!sectionIds.add(s.id())) {
                p.add("section id " + s.id() + " is not unique");
            }
            for (Criterion cr : s.criteria()) {
                if (!ids.add(cr.id())) {
                    p.add("criterion id " + cr.id() + " is not unique");
                }
                if (cr.assessment() == null) {
                    p.add("criterion " + cr.id() + " has no assessment (case or graded)");
                    continue;
                }
                if (cr.bands() != null && !c.bands().containsKey(cr.bands())) {
                    p.add("criterion " + cr.id() + " names unknown band rule " + cr.bands());
                }
                if (cr.caseScored() && cr.bands() == null && !c.bands().isEmpty()) {
                    p.add("case-scored criterion " + cr.id() + " has no band rule, though " + c.framework().id() + " bands its criteria");
                }
                if (cr.caseScored()) {
                    checkCaseCriterion(c, s, cr, ids, p);
                } else {
                    if (!cr.questions().isEmpty()) {
                        p.add("graded criterion " + cr.id() + " must not have questions");
                    }
                    if (cr.gradeScale() == null || !c.gradeScales().containsKey(cr.gradeScale())) {
                        p.add("graded criterion " + cr.id() + " needs a known gradeScale");
                    }
                }
            }
        }
        if (rules.criterion() == CriterionRule.SUMMARY_WEIGHTED
                && (rules.summaryWeight() == null || rules.summaryWeight() <= 0 || rules.summaryWeight() >= 1)) {
            p.add("summary-weighted scoring needs a summaryWeight between 0 and 1");
        }
        if (c.framework() == Framework.ESI && rules.overall().isEmpty()) {
            p.add("esi needs overall section weights");
        }
        if (!rules.overall().isEmpty()) {
            double sum = 0;
            for (var e : rules.overall().entrySet()) {
                if (!sectionIds.contains(e.getKey())) {
                    p.add("overall weight names unknown section " + e.getKey());
                } else if (!section(c, e.getKey()).caseScored()) {
                    // The overall score waits for every weighted section, so it would never appear.
                    p.add("overall weight names section " + e.getKey() + ", which is not scored from cases");
                }
                sum += e.getValue() == null ? Double.NaN : e.getValue();
            }
            if (!(Math.abs(sum - 1.0) <= 1e-9)) {
                p.add("overall section weights must sum to 1, not " + sum);
            }
            for (Section s : c.sections()) {
                if (s.caseScored() && !rules.overall().containsKey(s.id())) {
                    p.add("overall weights leave out case-scored section " + s.id());
                }
            }
        }
        c.bands().forEach((rule, bands) -> {
            boolean descending = !bands.isEmpty() && bands.get(bands.size() - 1).min() == 0;
            for (int i = 1; i < bands.size(); i++) {
                descending &= bands.get(i).min() < bands.get(i - 1).min();
            }
            if (!descending) {
                // Bands are searched from the top for the first minimum a score reaches; any other order, or a
                // lowest band above 0, leaves scores without their band.
                p.add("band rule " + rule + " must list its bands by strictly descending min, the last at 0");
            }
        });
        for (ThreadRule t : rules.threads()) {
            for (String sid : t.sections()) {
                if (!sectionIds.contains(sid)) {
                    p.add("thread " + t.id() + " names unknown section " + sid);
                }
            }
            if (t.bands() != null && !c.bands().containsKey(t.bands())) {
                p.add("thread " + t.id() + " names unknown band rule " + t.bands());
            }
            boolean fed = c.questions().stream()
                    .anyMatch(q -> q.feeds(t.tag()) && t.sections().contains(c.sectionOf(q.criterionId()).id()));
            if (!fed) {
                p.add("thread " + t.id() + " has no question tagged " + t.tag() + " in sections " + t.sections());
            }
        }
        return p;
    }

    private static String name(ThreadTag tag) {
        return switch (tag) {
            case ROH -> "RoH";
            case LOR -> "LoR";
            case COMPLIANCE_AND_ENFORCEMENT -> "C&E";
        };
    }

    private static Section section(Catalogue c, String id) {
        return c.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static void checkCaseCriterion(Catalogue c, Section s, Criterion cr, Set<String> ids, List<String> p) {
        if (cr.questions().isEmpty()) {
            p.add("case-scored criterion " + cr.id() + " has no questions");
        }
        if (c.scoring().section() == SectionRule.WEIGHTED && (cr.weight() == null || !c.weights().containsKey(cr.weight()))) {
            p.add("criterion " + cr.id() + " in weighted section " + s.id() + " needs a known weight");
        }
        long summaries = cr.questions().stream().filter(Question::summary).count();
        if (c.scoring().criterion() == CriterionRule.SUMMARY_WEIGHTED) {
            if (summaries != 1) {
                p.add("criterion " + cr.id() + " must have exactly one summary question, has " + summaries);
            }
            if (cr.questions().size() - summaries < 1) {
                p.add("criterion " + cr.id() + " needs individual questions beside its summary question");
            }
        } else if (summaries > 0) {
            p.add("criterion " + cr.id() + " has a summary question, but " + c.framework().id() + " has no summary weighting");
        }
        for (ThreadTag tag : ThreadTag.values()) {
            // A summary question is about its criterion as a whole, so it feeds a thread when the criterion does:
            // when at least half its individual questions carry the tag.
            List<Question> individual = cr.questions().stream().filter(q -> !q.summary()).toList();
            long tagged = individual.stream().filter(q -> q.feeds(tag)).count();
            boolean should = !individual.isEmpty() && 2 * tagged >= individual.size();
            for (Question q : cr.questions()) {
                if (q.summary() && q.feeds(tag) != should) {
                    p.add("summary question " + q.id() + (should ? " must" : " must not") + " carry " + name(tag)
                            + ": " + tagged + " of the " + individual.size() + " individual questions of " + cr.id() + " do");
                }
            }
        }
        for (Question q : cr.questions()) {
            if (!ids.add(q.id())) {
                p.add("question id " + q.id() + " is not unique");
            }
            if (!q.id().startsWith(cr.id() + ".") || !q.criterionId().equals(cr.id())) {
                p.add("question " + q.id() + " must be numbered under its criterion " + cr.id());
            }
            if (q.text() == null || q.text().isBlank()) {
                p.add("question " + q.id() + " has no text");
            }
            // Every question, summary ones too, gets a suggested finding: "<finding> in 85% of cases."
            String finding = q.finding() == null ? "" : q.finding().strip();
            if (finding.isEmpty()) {
                p.add("question " + q.id() + " has no finding (the practice stated as a report states it)");
            } else if (finding.endsWith("?") || finding.endsWith(".")) {
                p.add("question " + q.id() + " has a finding ending in '" + finding.charAt(finding.length() - 1)
                        + "'; it states the practice and leaves the sentence open for its proportion");
            }
            if (!q.summary() && q.findings().isEmpty()) {
                p.add("question " + q.id() + " cites no finding it was derived from");
            }
            // The same ranges as a sampled case's (CaseCharacteristics.violations): others would match no case.
            Applicability a = q.appliesTo();
            if (a.mappaLevel() != null && a.mappaLevel().stream().anyMatch(l -> l < 0 || l > 3)) {
                p.add("question " + q.id() + " applies to mappaLevel " + a.mappaLevel() + "; levels are 0 (none) to 3");
            }
            if (a.tier() != null && a.tier().stream().anyMatch(t -> t < 1 || t > 4)) {
                p.add("question " + q.id() + " applies to tier " + a.tier() + "; tiers are 1 to 4");
            }
        }
    }
}
