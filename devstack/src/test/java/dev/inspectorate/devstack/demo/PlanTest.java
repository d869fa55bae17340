package dev.inspectorate.devstack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.frameworks.ScoringRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The judgements each shipped demo will record, counted as the scoring service counts them: every question the
 * report prints a figure for comes out at that figure (moved as little as reaching its criterion's published score
 * needs, where the printed figures alone cannot), and every criterion at its published score.
 */
public class PlanTest {
    /**
     * Criteria whose printed figures keep the published score out of reach, and how far (at most) their printed
     * figures must move to reach it, worked by hand: with every unprinted question at 100% and every printed one a
     * point above its figure, 1.1 reaches at most 88.6 (89 needs 88.5), 1.2 75.6 (76), C2 65.1 (66) and D1 58.3 (69:
     * its eight printed figures average 46.9 and must rise about 13 points, nearer 15 with whole cases of its two
     * ten-case questions); 3.1 prints all eleven of its questions, which average 68.6, so they must fall 2 to 3.6
     * points for 65.
     */
    public static final Map<String, Map<String, double[]>> SHIFTED = Map.of(
            "thames-valley", Map.of("1.1", new double[] {0, 1}, "1.2", new double[] {0, 1}, "3.1", new double[] {-3.6, -2}),
            "gloucestershire", Map.of("C2", new double[] {0, 2}, "D1", new double[] {10, 16}),
            "west-midlands", Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"thames-valley", "gloucestershire", "west-midlands"})
    void printedQuestionsKeepTheirFiguresAndCriteriaComeOutAtThePublishedScores(String demo) {
        DemoSpec spec = DemoSpec.load(demo);
        Catalogue catalogue = Catalogues.of(spec.framework());
        Plan plan = Plan.of(spec);
        assertEquals(spec.sample().size(), plan.cases.size());
        assertEquals(SHIFTED.get(demo).keySet(), plan.shifts.keySet(), "the criteria whose printed figures moved");
        SHIFTED.get(demo).forEach((criterion, range) -> assertTrue(plan.shifts.get(criterion) >= range[0]
                && plan.shifts.get(criterion) <= range[1], criterion + " moved by " + plan.shifts.get(criterion)));

        // sufficient and applicable per question, from the planned answers themselves
        Map<String, int[]> counts = new TreeMap<>();
        for (Map<String, Answer> caseAnswers : plan.answers) {
            caseAnswers.forEach((q, a) -> {
                int[] c = counts.computeIfAbsent(q, k -> new int[2]);
                c[0] += a == Answer.SUFFICIENT ? 1 : 0;
                c[1] += a == Answer.NOT_APPLICABLE ? 0 : 1;
            });
        }

        List<String> misses = new ArrayList<>();
        int printedChecked = 0;
        for (var e : spec.printed().questions().entrySet()) {
            Double printed = e.getValue().percent();
            int[] c = counts.get(e.getKey());
            if (printed == null || c == null) {
                continue;
            }
            double achieved = 100.0 * c[0] / c[1];
            double figure = printed + plan.shifts.getOrDefault(catalogue.question(e.getKey()).orElseThrow().criterionId(), 0.0);
            // Within one point; where one case is worth more than two points, the nearest whole number of cases.
            if (Math.abs(achieved - Math.max(0, Math.min(100, figure))) > Math.max(1.0, 50.0 / c[1]) + 1e-9) {
                misses.add("question " + e.getKey() + ": " + c[0] + "/" + c[1] + " against printed " + printed);
            }
            printedChecked++;
        }
        assertTrue(printedChecked > 0);

        ScoringRules rules = catalogue.scoring();
        int criteriaChecked = 0;
        for (Criterion cr : catalogue.criteria()) {
            Integer published = spec.published().criteria().get(cr.id());
            if (!cr.caseScored() || published == null) {
                continue;
            }
            double individual = 0;
            int individuals = 0;
            Double summary = null;
            for (Question q : cr.questions()) {
                int[] c = counts.get(q.id());
                if (c == null || c[1] == 0) {
                    continue;
                }
                double p = 100.0 * c[0] / c[1];
                if (rules.criterion() == ScoringRules.CriterionRule.SUMMARY_WEIGHTED && q.summary()) {
                    summary = p;
                } else {
                    individual += p;
                    individuals++;
                }
            }
            double score = individual / individuals;
            if (summary != null) {
                score = (1 - rules.summaryWeight()) * score + rules.summaryWeight() * summary;
            }
            int display = BigDecimal.valueOf(score).setScale(9, RoundingMode.HALF_EVEN).setScale(0, RoundingMode.HALF_UP).intValue();
            if (display != published) {
                misses.add("criterion " + cr.id() + ": " + score + " against published " + published);
            }
            criteriaChecked++;
        }
        assertEquals(spec.published().criteria().size(), criteriaChecked, "every published criterion is scored");

        // The headline (thread) scores: every tagged question of the thread's sections, from the same counts.
        for (ScoringRules.ThreadRule t : rules.threads()) {
            Integer published = spec.published().threads().get(t.id());
            if (published == null) {
                continue;
            }
            double sum = 0;
            int count = 0;
            for (Question q : catalogue.questions()) {
                int[] c = counts.get(q.id());
                if (c != null && c[1] > 0 && q.feeds(t.tag()) && t.sections().contains(catalogue.sectionOf(q.criterionId()).id())) {
                    sum += 100.0 * c[0] / c[1];
                    count++;
                }
            }
            if (Math.abs(sum / count - published) > 3) {
                misses.add("thread " + t.id() + ": " + sum / count + " against published " + published);
            }
        }
        assertEquals(List.of(), misses);
    }
}
