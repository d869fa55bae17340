package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import dev.inspectorate.frameworks.Framework;
import java.time.Instant;
import java.util.Map;

/**
 * {@code report.published}: an inspection's report was published as an immutable numbered version. Carries the
 * published figures (display values and comments) so subscribers need not fetch the report.
 */
public record ReportPublished(
        String inspectionId,
        int number,
        String area,
        Framework framework,
        String title,
        Instant publishedAt,
        String publishedBy,
        Map<String, ScoresChanged.Figure> criteria,
        Map<String, ScoresChanged.Figure> sections,
        ScoresChanged.Figure overall,
        Map<String, ScoresChanged.Figure> threads,
        Map<String, String> grades) {

    public ReportPublished {
        present(inspectionId, "inspectionId");
        present(framework, "framework");
        present(publishedAt, "publishedAt");
        if (number < 1) {
            throw new dev.inspectorate.events.InvalidEventException("number must be at least 1");
        }
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
        sections = sections == null ? Map.of() : Map.copyOf(sections);
        threads = threads == null ? Map.of() : Map.copyOf(threads);
        grades = grades == null ? Map.of() : Map.copyOf(grades);
    }
}
