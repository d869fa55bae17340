package dev.inspectorate.devstack.demo;

import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.frameworks.ScoringRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every judgement of a demo inspection, decided in advance from a seed. A question the report prints a figure for
 * is sufficient in the whole number of its applicable cases nearest that figure; the questions without a printed
 * figure are set so that each criterion comes out at its published score. The published scores come first: where
 * the printed figures keep one out of reach (the real tool had questions the findings do not show), every printed
 * figure of that criterion gives the same few points, the fewest that reach it ({@link #shifts}).
 */
final class Plan {
    /** The sample, by case index. */
    final List<CaseCharacteristics> cases;
    /** Per case (by index), its answers by question id. */
    final List<Map<String, Answer>> answers;
    /** The share of applicable cases each question is sufficient in, as planned (0-100). */
    final Map<String, Double> planned;
    /** By criterion, the points its printed figures were moved by to reach its published score (none: not moved). */
    final Map<String, Double> shifts;

    private Plan(List<CaseCharacteristics> cases, List<Map<String, Answer>> answers, Map<String, Double> planned,
            Map<String, Double> shifts) {
        this.cases = cases;
        this.answers = answers;
        this.planned = planned;
        this.shifts = shifts;
    }

    /** The demo's sample and judgements, the same on every run: both come from {@link Demo#SEED}. */
    static Plan of(DemoSpec spec) {
        Random rnd = new Random(Demo.SEED);
        List<CaseCharacteristics> cases = Sampler.sample(spec.sample(), rnd);
        return make(Catalogues.of(spec.framework()), cases, spec.printed(), spec.published().criteria(), rnd);
    }

    static Plan make(Catalogue catalogue, List<CaseCharacteristics> cases, DemoSpec.PrintedQuestions printed,
            Map<String, Integer> publishedCriteria, Random rnd) {
        Map<String, List<Integer>> applicable = new LinkedHashMap<>();
        for (Question q : catalogue.questions()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                if (q.canApplyTo(cases.get(i))) {
                    idx.add(i);
                }
            }
            if (!idx.isEmpty()) {
                applicable.put(q.id(), idx);
            }
        }
        Map<String, Integer> sufficient = new HashMap<>();
        Map<String, Double> planned = new LinkedHashMap<>();
        Map<String, Double> shifts = new LinkedHashMap<>();
        for (Criterion c : catalogue.criteria()) {
            if (!c.caseScored()) {
                continue;
            }
            Criterion judged = new Criterion(c.id(), c.title(), c.statement(), c.assessment(), c.gradeScale(), c.weight(),
                    c.bands(), c.questions().stream().filter(q -> applicable.containsKey(q.id())).toList());
            Map<String, Integer> n = new HashMap<>();
            judged.questions().forEach(q -> n.put(q.id(), applicable.get(q.id()).size()));
            Integer target = publishedCriteria.get(c.id());
            List<Question> free = new ArrayList<>();
            List<Question> held = new ArrayList<>();
            for (Question q : judged.questions()) {
                var p = printed.questions().get(q.id());
                (p != null && p.percent() != null ? held : free).add(q);
            }
            double off = settle(catalogue.scoring(), judged, free, held, printed, sufficient, n, target, 0);
            if (target != null && Math.abs(off) >= 0.5 && !held.isEmpty()) {
                // Out of reach: the smallest shift of every printed figure (toward the target) that reaches it.
                double direction = -Math.signum(off);
                double low = 0;
                double high = 100;
                while (high - low > 0.01) {
                    double mid = (low + high) / 2;
                    off = settle(catalogue.scoring(), judged, free, held, printed, sufficient, n, target, direction * mid);
                    if (direction * off > -0.5) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                double shift = direction * Math.ceil(high * 100) / 100;
                settle(catalogue.scoring(), judged, free, held, printed, sufficient, n, target, shift);
                shifts.put(c.id(), shift);
            }
            for (Question q : judged.questions()) {
                planned.put(q.id(), 100.0 * sufficient.get(q.id()) / n.get(q.id()));
            }
        }
        List<Map<String, Answer>> answers = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            answers.add(new LinkedHashMap<>());
        }
        for (var e : applicable.entrySet()) {
            List<Integer> idx = new ArrayList<>(e.getValue());
            Collections.shuffle(idx, rnd);
            int k = sufficient.getOrDefault(e.getKey(), 0);
            for (int j = 0; j < idx.size(); j++) {
                answers.get(idx.get(j)).put(e.getKey(), j < k ? Answer.SUFFICIENT : Answer.INSUFFICIENT);
            }
        }
        return new Plan(cases, answers, planned, shifts);
    }

    /**
     * Sets one criterion's questions: each printed one at the whole number of cases nearest its figure moved by
     * {@code shift} points, the unprinted ones at the one proportion that makes the criterion its target (70% without
     * one); then single cases bring it nearest the target, first on the unprinted questions, then on the printed ones,
     * each staying within a point of its (moved) figure. Returns the score less the target then (0 without one).
     */
    private static double settle(ScoringRules rules, Criterion c, List<Question> free, List<Question> held,
            DemoSpec.PrintedQuestions printed, Map<String, Integer> sufficient, Map<String, Integer> n, Integer target,
            double shift) {
        Map<String, int[]> bounds = new HashMap<>();
        for (Question q : held) {
            int size = n.get(q.id());
            double figure = Math.max(0, Math.min(100, printed.questions().get(q.id()).percent() + shift));
            int nearest = (int) Math.round(figure * size / 100.0);
            sufficient.put(q.id(), nearest);
            int lowest = (int) Math.ceil((figure - 1) * size / 100.0 - 1e-9);
            int highest = (int) Math.floor((figure + 1) * size / 100.0 + 1e-9);
            bounds.put(q.id(), new int[] {Math.max(0, Math.min(nearest, lowest)), Math.min(size, Math.max(nearest, highest))});
        }
        free.forEach(q -> bounds.put(q.id(), new int[] {0, n.get(q.id())}));
        double start = target == null ? 70 : fill(rules, c, free, sufficient, n, target);
        for (Question q : free) {
            sufficient.put(q.id(), (int) Math.round(start * n.get(q.id()) / 100.0));
        }
        if (target == null) {
            return 0;
        }
        // Whole cases move the score by steps: take the steps that bring the criterion closest to its target.
        approach(rules, c, free, bounds, sufficient, n, target, 0);
        approach(rules, c, held, bounds, sufficient, n, target, 0.5);
        return score(rules, c, sufficient, n) - target;
    }

    /**
     * Single-case steps on the given questions, within their bounds, while one brings the score nearer the target
     * and it is not yet within {@code enough} of it.
     */
    private static void approach(ScoringRules rules, Criterion c, List<Question> movable, Map<String, int[]> bounds,
            Map<String, Integer> sufficient, Map<String, Integer> n, double target, double enough) {
        for (int step = 0; step < 10_000; step++) {
            double best = Math.abs(score(rules, c, sufficient, n) - target);
            if (best < enough - 1e-9) {
                return;
            }
            String bestQuestion = null;
            int bestK = 0;
            for (Question q : movable) {
                int k = sufficient.get(q.id());
                for (int next : new int[] {k - 1, k + 1}) {
                    if (next < bounds.get(q.id())[0] || next > bounds.get(q.id())[1]) {
                        continue;
                    }
                    sufficient.put(q.id(), next);
                    double gap = Math.abs(score(rules, c, sufficient, n) - target);
                    if (gap < best - 1e-9) {
                        best = gap;
                        bestQuestion = q.id();
                        bestK = next;
                    }
                    sufficient.put(q.id(), k);
                }
            }
            if (bestQuestion == null) {
                return;
            }
            sufficient.put(bestQuestion, bestK);
        }
    }

    /**
     * The one proportion that, given to every unprinted question, makes the criterion its target with the printed
     * ones as they are (the score is linear in it; within 0 and 100).
     */
    private static double fill(ScoringRules rules, Criterion c, List<Question> free, Map<String, Integer> sufficient,
            Map<String, Integer> n, double target) {
        if (free.isEmpty()) {
            return 0;
        }
        Map<String, Double> at0 = proportions(c, sufficient, n);
        Map<String, Double> at100 = new HashMap<>(at0);
        free.forEach(q -> {
            at0.put(q.id(), 0.0);
            at100.put(q.id(), 100.0);
        });
        double low = score(rules, c, at0);
        double high = score(rules, c, at100);
        return high == low ? 0 : Math.max(0, Math.min(100, 100 * (target - low) / (high - low)));
    }

    /** The criterion's score as scoring computes it (DOMAIN.md): from each question's sufficient of applicable. */
    static double score(ScoringRules rules, Criterion c, Map<String, Integer> sufficient, Map<String, Integer> n) {
        return score(rules, c, proportions(c, sufficient, n));
    }

    private static Map<String, Double> proportions(Criterion c, Map<String, Integer> sufficient, Map<String, Integer> n) {
        Map<String, Double> p = new HashMap<>();
        for (Question q : c.questions()) {
            Integer k = sufficient.get(q.id());
            if (k != null) {
                p.put(q.id(), 100.0 * k / n.get(q.id()));
            }
        }
        return p;
    }

    private static double score(ScoringRules rules, Criterion c, Map<String, Double> proportion) {
        boolean weighted = rules.criterion() == ScoringRules.CriterionRule.SUMMARY_WEIGHTED;
        double sum = 0;
        int count = 0;
        Double summary = null;
        for (Question q : c.questions()) {
            Double p = proportion.get(q.id());
            if (p == null) {
                continue;
            }
            if (weighted && q.summary()) {
                summary = p;
            } else {
                sum += p;
                count++;
            }
        }
        if (summary == null) {
            return count == 0 ? 0 : sum / count;
        }
        return count == 0 ? summary : (1 - rules.summaryWeight()) * sum / count + rules.summaryWeight() * summary;
    }
}
