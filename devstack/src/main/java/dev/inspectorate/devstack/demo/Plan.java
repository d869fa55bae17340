package dev.inspectorate.devstack.demo;

import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
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
 * Every judgement of a demo inspection, decided in advance from a seed. Each question is sufficient in the share
 * of its applicable cases the report printed for it; questions without a printed figure, and the whole criterion
 * where needed, are evened out so that the criterion comes out at its published score.
 */
final class Plan {
    /** Per case (by index), its answers by question id. */
    final List<Map<String, Answer>> answers;
    /** The share of applicable cases each question is sufficient in, as planned (0-100). */
    final Map<String, Double> planned;

    private Plan(List<Map<String, Answer>> answers, Map<String, Double> planned) {
        this.answers = answers;
        this.planned = planned;
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
        boolean summaryWeighted = catalogue.scoring().criterion() == ScoringRules.CriterionRule.SUMMARY_WEIGHTED;
        for (Criterion c : catalogue.criteria()) {
            if (!c.caseScored()) {
                continue;
            }
            List<Question> qs = c.questions().stream().filter(q -> applicable.containsKey(q.id())).toList();
            Integer target = publishedCriteria.get(c.id());
            Map<String, Double> t = new LinkedHashMap<>();
            for (Question q : qs) {
                var p = printed.questions().get(q.id());
                t.put(q.id(), p == null ? null : p.percent());
            }
            // Under summary weighting the summary question keeps its printed figure (else the criterion's), and
            // the individual questions aim at what makes (1 - w) x their mean + w x summary the published score.
            Double individualTarget = target == null ? null : target.doubleValue();
            if (summaryWeighted && target != null) {
                double w = catalogue.scoring().summaryWeight();
                for (Question q : qs) {
                    if (q.summary()) {
                        Double ts = t.get(q.id()) == null ? target.doubleValue() : t.get(q.id());
                        t.remove(q.id());
                        individualTarget = clamp((target - w * ts) / (1 - w));
                        sufficient.put(q.id(), (int) Math.round(ts * applicable.get(q.id()).size() / 100.0));
                    }
                }
            }
            if (individualTarget != null) {
                calibrate(t, individualTarget);
            } else {
                t.replaceAll((k, v) -> v == null ? 70.0 : v);
            }
            for (String q : t.keySet()) {
                int n = applicable.get(q).size();
                sufficient.put(q, (int) Math.round(t.get(q) * n / 100.0));
            }
            if (individualTarget != null) {
                double aim = individualTarget;
                // Rounding to whole cases moves the mean: nudge the most-answered questions back towards the target.
                List<Question> byN = new ArrayList<>(qs.stream().filter(q -> !(summaryWeighted && q.summary())).toList());
                byN.sort((a, b) -> applicable.get(b.id()).size() - applicable.get(a.id()).size());
                for (int step = 0; step < 40 && !byN.isEmpty(); step++) {
                    double mean = byN.stream().mapToDouble(q -> 100.0 * sufficient.get(q.id()) / applicable.get(q.id()).size())
                            .average().orElse(aim);
                    double gap = aim - mean;
                    Question q = byN.get(step % byN.size());
                    int n = applicable.get(q.id()).size();
                    double move = 100.0 / n / byN.size();
                    if (Math.abs(gap) < move / 2) {
                        break;
                    }
                    int k = sufficient.get(q.id()) + (gap > 0 ? 1 : -1);
                    if (k >= 0 && k <= n) {
                        sufficient.put(q.id(), k);
                    }
                }
            }
            for (Question q : qs) {
                planned.put(q.id(), 100.0 * sufficient.get(q.id()) / applicable.get(q.id()).size());
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
        return new Plan(answers, planned);
    }

    /**
     * Targets for each question averaging to the criterion's score: missing ones share what the printed ones leave,
     * then all move together until the mean is the target (within 0 and 100).
     */
    static void calibrate(Map<String, Double> t, double target) {
        int m = t.size();
        if (m == 0) {
            return;
        }
        double printedSum = t.values().stream().filter(v -> v != null).mapToDouble(Double::doubleValue).sum();
        long missing = t.values().stream().filter(v -> v == null).count();
        if (missing > 0) {
            double fill = clamp((target * m - printedSum) / missing);
            t.replaceAll((k, v) -> v == null ? fill : v);
        }
        for (int round = 0; round < 5; round++) {
            double mean = t.values().stream().mapToDouble(Double::doubleValue).average().orElse(target);
            double d = target - mean;
            if (Math.abs(d) < 1e-6) {
                break;
            }
            t.replaceAll((k, v) -> clamp(v + d));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(100, v));
    }
}
