package dev.inspectorate.reporting.api;

import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.frameworks.Framework;
import java.time.LocalDate;
import java.util.List;

/**
 * An area report in the order of the framework's published reports. Figures are absent where there are no
 * applicable judgements yet.
 */
public record Report(
        String inspectionId,
        String area,
        Framework framework,
        String title,
        LocalDate fieldworkStart,
        LocalDate fieldworkEnd,
        String status,
        long scoresRevision,
        List<SectionPart> sections,
        Figure overall,
        List<ThreadPart> threads) {

    public record SectionPart(String id, String title, Figure score, List<CriterionPart> criteria) {}

    public record CriterionPart(String id, String title, String statement, Figure score) {}

    public record ThreadPart(String id, String name, Figure score) {}
}
