package dev.inspectorate.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.frameworks.Framework;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An area report, its parts in the order of the framework's published reports: foreword; summary by section
 * ({@code sections}, {@code overall}); summary of scores (the chart with the line of priority, section-4 grades, the
 * thread or headline scores with comments and the programme to date); recommendations; next steps; good practice;
 * service users' perspective; one chapter per criterion; appendices: performance data, contextual information (the
 * lead's text and the area's figures), sample characteristics and the scoring approach.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An area report, its parts in the order of the framework's published reports: foreword; summary "
        + "by section (sections, overall); summary of scores (chart with the line of priority, section-4 grades, thread "
        + "or headline scores with comments and the programme to date); recommendations; next steps; good practice; "
        + "service users' perspective; one chapter per criterion; appendices: performance data, contextual information "
        + "(context, contextFigures), sample characteristics, scoring approach. status is DRAFT or PUBLISHED; a "
        + "published version has its publication number and publishedAt.")
public record Report(
        String inspectionId,
        String area,
        Framework framework,
        String frameworkTitle,
        String title,
        LocalDate fieldworkStart,
        LocalDate fieldworkEnd,
        String status,
        Integer publication,
        Instant publishedAt,
        long scoresRevision,
        Sample sample,
        String foreword,
        List<SectionSummary> sections,
        Figure overall,
        Chart chart,
        List<Grade> grades,
        List<Thread> threads,
        List<String> recommendations,
        String nextSteps,
        List<Editorial.GoodPractice> goodPractice,
        String serviceUsers,
        List<Chapter> chapters,
        Performance performance,
        String context,
        Table contextFigures,
        Map<String, Map<String, Integer>> sampleCharacteristics,
        List<String> scoringApproach) {

    public record Sample(int cases, int submitted, int withdrawn) {}

    /** A section's score (none for a graded section, such as OMI section 4) and the lead's summary of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SectionSummary(String id, String title, Figure score, String summary, boolean graded) {}

    /** The bar chart of criterion scores of the case-scored sections, and the line of priority for improvement. */
    public record Chart(Double lineOfPriority, List<Bar> bars) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bar(String criterionId, String title, Integer score, String band, boolean belowLine) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grade(String criterionId, String title, String grade, List<String> scale) {}

    /**
     * A thread or headline score and its comment (recorded by the lead, else the band); {@code programme} is the
     * average and range of the same score in the latest published reports of the framework's other inspections, as
     * they stood before this report (absent where there were none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Thread(String id, String name, Figure score, String comment, boolean commentRecorded,
            Spread programme) {}

    /** Average and range of one score's displayed (whole) values across published inspections. */
    @Schema(description = "Average and range of one score (as printed, whole percentages) across published inspections")
    public record Spread(int inspections, double average, int min, int max) {
        /** Null for no values. */
        public static Spread of(List<Integer> values) {
            if (values.isEmpty()) {
                return null;
            }
            IntSummaryStatistics s = values.stream().mapToInt(Integer::intValue).summaryStatistics();
            return new Spread(values.size(), s.getAverage(), s.getMin(), s.getMax());
        }

        /** The average as the reports quote it: a whole percentage, halves upwards. */
        public int roundedAverage() {
            return BigDecimal.valueOf(average).setScale(0, RoundingMode.HALF_UP).intValueExact();
        }
    }

    /**
     * One criterion: its score (graded criteria: its grade), the findings, and the conclusion (recorded by the lead,
     * else the band; for a graded criterion, else the grade).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chapter(String sectionId, String criterionId, String title, String statement, Figure score,
            String conclusion, boolean conclusionRecorded, List<String> strengths, List<String> improvements,
            List<QuestionLine> questions, boolean graded, String grade) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionLine(String id, String text, int sufficient, int applicable, Integer percent) {}

    /**
     * The area's national performance data: the latest financial year that ended before fieldwork began.
     * {@code ippfRatings} (rating row id to rating) is kept for existing readers; {@link Table#domains} has the same.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Performance(String period, List<Table> tables, Map<String, String> ippfRatings) {}

    /**
     * One dataset. IPPF tables also group their rows by domain, each with its rating, and carry the area's rating;
     * {@code rows} lists every row in the dataset's order either way.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(String framework, String datasetId, List<PerformanceRow> rows, List<Domain> domains,
            String rating) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Domain(String id, String name, String rating, List<PerformanceRow> rows) {}

    /**
     * A metric as reported: {@code previous} is the previous year's Q4 value (IPPF); {@code predicted},
     * {@code difference} and {@code significance} compare a reoffending rate with its prediction; {@code asterisk}
     * marks a met target or near miss.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PerformanceRow(String metric, String name, Double actual, Double target, Double national,
            Integer grade, String missing, String evaluation, boolean asterisk, Double previous, Double predicted,
            Double difference, String significance) {}
}
