package dev.inspectorate.scoring.domain;

import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.frameworks.ScoringRules;
import dev.inspectorate.frameworks.ScoringRules.ThreadRule;
import dev.inspectorate.frameworks.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The methodology of DOMAIN.md: from a framework's catalogue and each question's counts to criterion, section,
 * overall and thread scores with their bands. Everything is computed unrounded; rounding is for display, and
 * a band is that of the displayed figure (DOMAIN.md: computed unrounded, shown rounded half-up).
 *
 * <p>Intervals: a question's is the Wilson 95% interval. A criterion's, section's or thread's is the same
 * combination (mean or weighted mean) of its parts' bounds: a conservative interval that assumes the parts'
 * errors move together.
 */
public final class ScoringEngine {
    private ScoringEngine() {}

    public static Scores score(Catalogue catalogue, Map<String, Count> counts) {
        ScoringRules rules = catalogue.scoring();
        Map<String, Count> questions = new LinkedHashMap<>();
        for (Question q : catalogue.questions()) {
            Count c = counts.getOrDefault(q.id(), Count.NONE);
            if (c.hasData()) {
                questions.put(q.id(), c);
            }
        }

        Map<String, Score> criteria = new LinkedHashMap<>();
        Map<String, Score> sections = new LinkedHashMap<>();
        for (Section s : catalogue.sections()) {
            List<Weighted> parts = new ArrayList<>();
            for (Criterion cr : s.criteria()) {
                if (!cr.caseScored()) {
                    continue;
                }
                criterionScore(rules, cr, questions).ifPresent(score -> {
                    Score banded = score.withBand(catalogue.band(cr.bands(), score.display()).orElse(null));
                    criteria.put(cr.id(), banded);
                    double weight = rules.section() == ScoringRules.SectionRule.WEIGHTED ? catalogue.weightOf(cr) : 1;
                    parts.add(new Weighted(banded, weight));
                });
            }
            combine(parts).ifPresent(score -> sections.put(s.id(), score));
        }

        // Only once every weighted section has a score: re-weighting over the sections judged so far would show,
        // say, section B alone as the overall score.
        Optional<Score> overall = Optional.empty();
        if (!rules.overall().isEmpty() && sections.keySet().containsAll(rules.overall().keySet())) {
            List<Weighted> parts = new ArrayList<>();
            rules.overall().forEach((sectionId, weight) -> parts.add(new Weighted(sections.get(sectionId), weight)));
            overall = combine(parts);
        }

        Map<String, Score> threads = new LinkedHashMap<>();
        for (ThreadRule t : rules.threads()) {
            List<Weighted> parts = new ArrayList<>();
            for (Question q : catalogue.questions()) {
                Count c = questions.get(q.id());
                if (c != null && q.feeds(t.tag()) && t.sections().contains(catalogue.sectionOf(q.criterionId()).id())) {
                    parts.add(new Weighted(questionScore(c), 1));
                }
            }
            combine(parts).ifPresent(score ->
                    threads.put(t.id(), score.withBand(catalogue.band(t.bands(), score.display()).orElse(null))));
        }
        return new Scores(questions, criteria, sections, overall, threads);
    }

    private static Optional<Score> criterionScore(ScoringRules rules, Criterion cr, Map<String, Count> questions) {
        List<Weighted> individual = new ArrayList<>();
        List<Weighted> summary = new ArrayList<>();
        for (Question q : cr.questions()) {
            Count c = questions.get(q.id());
            if (c == null) {
                continue;
            }
            boolean isSummary = rules.criterion() == ScoringRules.CriterionRule.SUMMARY_WEIGHTED && q.summary();
            (isSummary ? summary : individual).add(new Weighted(questionScore(c), 1));
        }
        Optional<Score> mean = combine(individual);
        if (rules.criterion() == ScoringRules.CriterionRule.MEAN || summary.isEmpty()) {
            return mean;
        }
        Score s = summary.get(0).score();
        if (mean.isEmpty()) {
            return Optional.of(s);
        }
        double w = rules.summaryWeight();
        return combine(List.of(new Weighted(mean.get(), 1 - w), new Weighted(s, w)));
    }

    static Score questionScore(Count c) {
        double[] interval = c.wilson();
        return new Score(c.percent(), interval[0], interval[1], null, 1, c.applicable());
    }

    private record Weighted(Score score, double weight) {}

    private static Optional<Score> combine(List<Weighted> parts) {
        double total = 0;
        double value = 0;
        double low = 0;
        double high = 0;
        int questions = 0;
        int judgements = 0;
        for (Weighted p : parts) {
            questions += p.score().questions();
            judgements += p.score().judgements();
            total += p.weight();
            value += p.weight() * p.score().value();
            low += p.weight() * p.score().low();
            high += p.weight() * p.score().high();
        }
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(new Score(value / total, low / total, high / total, null, questions, judgements));
    }
}
