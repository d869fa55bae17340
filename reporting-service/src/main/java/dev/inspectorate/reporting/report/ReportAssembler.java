package dev.inspectorate.reporting.report;

import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.frameworks.ScoringRules.ThreadRule;
import dev.inspectorate.frameworks.Section;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a report together from what the read model holds. Pure: the same sources give the same report. */
public final class ReportAssembler {
    private ReportAssembler() {}

    /**
     * Everything a report is made from; {@code programme} is, per thread, the spread of its score across the other
     * inspections' latest publications before this report.
     */
    public record Sources(
            String inspectionId, String area, Framework framework, String title, LocalDate fieldworkStart,
            LocalDate fieldworkEnd, long scoresRevision, ScoresChanged scores, Map<String, String> grades,
            Map<String, String> conclusions, Editorial editorial, Map<String, Map<String, Integer>> characteristics,
            List<PerformanceDatasetLoaded> performance, Map<String, Report.Spread> programme) {}

    public static Report assemble(Sources s, String status, Integer publication, Instant publishedAt) {
        Catalogue c = Catalogues.of(s.framework());
        ScoresChanged scores = s.scores();
        Editorial ed = s.editorial() == null ? Editorial.NONE : s.editorial();
        Double line = c.lineOfPriority();

        List<Report.SectionSummary> sections = new ArrayList<>();
        List<Report.Bar> bars = new ArrayList<>();
        List<Report.Grade> grades = new ArrayList<>();
        List<Report.Chapter> chapters = new ArrayList<>();
        for (Section section : c.sections()) {
            sections.add(new Report.SectionSummary(section.id(), section.title(),
                    scores == null ? null : scores.sections().get(section.id()), ed.summaries().get(section.id()),
                    !section.caseScored()));
            for (Criterion cr : section.criteria()) {
                String recorded = s.conclusions().get(cr.id());
                Editorial.Findings findings = ed.findings().getOrDefault(cr.id(), new Editorial.Findings(null, null));
                if (!cr.caseScored()) {
                    String grade = s.grades().get(cr.id());
                    grades.add(new Report.Grade(cr.id(), cr.title(), grade, c.gradeScales().get(cr.gradeScale())));
                    // The grade is the chapter's comment ("VERY effective ..."), unless the lead recorded another.
                    chapters.add(new Report.Chapter(section.id(), cr.id(), cr.title(), cr.statement(), null,
                            recorded != null ? recorded : grade, recorded != null, findings.strengths(),
                            findings.improvements(), List.of(), true, grade));
                    continue;
                }
                Figure f = scores == null ? null : scores.criteria().get(cr.id());
                bars.add(new Report.Bar(cr.id(), cr.title(), f == null ? null : f.display(), f == null ? null : f.band(),
                        f != null && line != null && f.value() < line));
                chapters.add(new Report.Chapter(section.id(), cr.id(), cr.title(), cr.statement(), f,
                        recorded != null ? recorded : f == null ? null : f.band(), recorded != null,
                        findings.strengths(), findings.improvements(), questions(cr, scores), false, null));
            }
        }
        List<Report.Thread> threads = new ArrayList<>();
        for (ThreadRule t : c.scoring().threads()) {
            Figure f = scores == null ? null : scores.threads().get(t.id());
            // Like a criterion's conclusion, the comment the lead recorded (keyed by the thread's id) wins over the band.
            String recorded = s.conclusions().get(t.id());
            threads.add(new Report.Thread(t.id(), t.name(), f, recorded != null ? recorded : f == null ? null : f.band(),
                    recorded != null, s.programme() == null ? null : s.programme().get(t.id())));
        }
        ScoresChanged.Sample sample = scores == null || scores.sample() == null ? null : scores.sample();
        return new Report(s.inspectionId(), s.area(), s.framework(), c.title(), s.title(), s.fieldworkStart(),
                s.fieldworkEnd(), status, publication, publishedAt, s.scoresRevision(),
                sample == null ? null : new Report.Sample(sample.cases(), sample.submitted(), sample.withdrawn()),
                ed.foreword(), sections, scores == null ? null : scores.overall(), new Report.Chart(line, bars), grades,
                threads, ed.recommendations(), ed.nextSteps(), ed.goodPractice(), ed.serviceUsers(), chapters,
                performance(s.performance()), ed.context(), contextFigures(s.performance()), s.characteristics(), scoringApproach(c));
    }

    private static List<Report.QuestionLine> questions(Criterion cr, ScoresChanged scores) {
        List<Report.QuestionLine> out = new ArrayList<>();
        for (Question q : cr.questions()) {
            ScoresChanged.Tally t = scores == null ? null : scores.questions().get(q.id());
            if (t != null && t.applicable() > 0) {
                out.add(new Report.QuestionLine(q.id(), q.text(), t.sufficient(), t.applicable(),
                        dev.inspectorate.reporting.report.Rounding.percent(t.sufficient(), t.applicable())));
            }
        }
        return out;
    }

    /** The contextual figures (caseload, budget, ...) of the area's context dataset, for the contextual appendix. */
    private static Report.Table contextFigures(List<PerformanceDatasetLoaded> datasets) {
        return datasets == null ? null : datasets.stream().filter(d -> CONTEXT.equals(d.framework()))
                .map(d -> table(d, new LinkedHashMap<>())).findFirst().orElse(null);
    }

    static final String CONTEXT = "context";

    /** The national performance tables (NPS, IPPF); null where the area has none for the period. */
    private static Report.Performance performance(List<PerformanceDatasetLoaded> datasets) {
        List<PerformanceDatasetLoaded> tablesOf = datasets == null ? List.of()
                : datasets.stream().filter(d -> !CONTEXT.equals(d.framework())).toList();
        if (tablesOf.isEmpty()) {
            return null;
        }
        List<Report.Table> tables = new ArrayList<>();
        Map<String, String> ratings = new LinkedHashMap<>();
        for (PerformanceDatasetLoaded d : tablesOf) {
            tables.add(table(d, ratings));
        }
        return new Report.Performance(tablesOf.get(0).period(), tables, ratings.isEmpty() ? null : ratings);
    }

    /** One dataset as a table; IPPF ratings are also added to {@code ratings}. */
    private static Report.Table table(PerformanceDatasetLoaded d, Map<String, String> ratings) {
        List<Report.PerformanceRow> rows = new ArrayList<>();
        Map<String, String> domainOf = new HashMap<>();
        Map<String, String> tableRatings = new LinkedHashMap<>();
        for (PerformanceDatasetLoaded.Row r : d.rows()) {
            if (r.rating() != null) {
                tableRatings.put(r.metric(), r.rating());
                continue;
            }
            if (r.domain() != null) {
                domainOf.put(r.metric(), r.domain());
            }
            // The target the row was judged against: as reported, else the catalogue's default.
            Double target = r.target() != null ? r.target() : r.defaultTarget();
            rows.add(new Report.PerformanceRow(r.metric(), r.name(), r.actual(), target, r.national(), r.grade(),
                    r.missing(), r.evaluation(), "MET".equals(r.evaluation()) || "NEAR_MISS".equals(r.evaluation()),
                    r.previous(), r.predicted(), r.difference(), r.significance()));
        }
        ratings.putAll(tableRatings);
        boolean ippf = "ippf".equals(d.framework());
        return new Report.Table(d.framework(), d.datasetId(), rows, ippf ? domains(rows, domainOf, tableRatings) : null,
                ippf ? tableRatings.get("ippf-area") : null);
    }

    /** The IPPF domains in the reports' order, with their printed names. */
    static final List<Map.Entry<String, String>> IPPF_DOMAINS = List.of(Map.entry("public-protection", "Public Protection"),
            Map.entry("offender-management", "Offender Management"), Map.entry("interventions", "Interventions"),
            Map.entry("operational-capability", "Operational Capability, Resource Use & Strategy"));

    /** IPPF rows by the domain each row's event gives, in the domains' order, each with its reported rating. */
    private static List<Report.Domain> domains(List<Report.PerformanceRow> rows, Map<String, String> domainOf,
            Map<String, String> ratings) {
        List<Report.Domain> out = new ArrayList<>();
        List<Report.PerformanceRow> rest = new ArrayList<>(rows);
        for (Map.Entry<String, String> domain : IPPF_DOMAINS) {
            List<Report.PerformanceRow> in = rows.stream().filter(r -> domain.getKey().equals(domainOf.get(r.metric()))).toList();
            rest.removeAll(in);
            String rating = ratings.get("ippf-domain-" + domain.getKey());
            if (!in.isEmpty() || rating != null) {
                out.add(new Report.Domain(domain.getKey(), domain.getValue(), rating, in));
            }
        }
        if (!rest.isEmpty()) {
            out.add(new Report.Domain("other", "Other measures", null, rest));
        }
        return out;
    }

    /** How the framework's scores are made, as its reports explain them. */
    static List<String> scoringApproach(Catalogue c) {
        List<String> p = new ArrayList<>();
        p.add("Inspectors and local assessors read a sample of cases and, for each, answered the questions of the "
                + c.title() + " assessment tool: whether the work was done to a sufficient standard, or whether the "
                + "question did not apply to the case.");
        p.add("Each question's score is the proportion of the cases it applied to in which the work was sufficient.");
        switch (c.scoring().criterion()) {
            case MEAN -> p.add("A criterion's score is the average of its questions' scores.");
            case SUMMARY_WEIGHTED -> p.add("A criterion's score is 80% the average of its individual questions and 20% "
                    + "its summary question, the inspector's overall judgement of the case.");
        }
        switch (c.scoring().section()) {
            case MEAN -> p.add("A section's score is the average of its criteria's scores.");
            case WEIGHTED -> p.add("A section's score is the weighted average of its criteria's scores; a critical "
                    + "criterion counts twice an important one.");
        }
        if (!c.scoring().overall().isEmpty()) {
            p.add("The overall score weights the sections " + c.scoring().overall() + ".");
        }
        for (ThreadRule t : c.scoring().threads()) {
            p.add("The " + t.name() + " score is the average score of the questions about that work in sections "
                    + String.join(", ", t.sections()) + ".");
        }
        p.add("Scores are computed unrounded and shown rounded to whole numbers, halves upwards. They come from a "
                + "sample and carry uncertainty: small differences between areas should not be read as meaningful.");
        return p;
    }
}
