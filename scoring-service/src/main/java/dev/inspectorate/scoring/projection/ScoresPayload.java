package dev.inspectorate.scoring.projection;

import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.events.payload.ScoresChanged.Tally;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.scoring.domain.Count;
import dev.inspectorate.scoring.domain.Score;
import dev.inspectorate.scoring.domain.Scores;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The published form of an inspection's scores. */
public final class ScoresPayload {
    private ScoresPayload() {}

    static ScoresChanged of(String inspectionId, Framework framework, int catalogueVersion, Instant asAt, Scores s,
            ScoresChanged.Sample sample) {
        Map<String, Tally> questions = new LinkedHashMap<>();
        s.questions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> questions.put(e.getKey(), tally(e.getValue())));
        return new ScoresChanged(inspectionId, framework, catalogueVersion, asAt,
                figures(s.criteria()), figures(s.sections()), s.overall().map(ScoresPayload::figure).orElse(null),
                figures(s.threads()), questions, sample);
    }

    private static Tally tally(Count c) {
        return new Tally(c.sufficient(), c.applicable());
    }

    public static Map<String, Figure> figures(Map<String, Score> scores) {
        Map<String, Figure> out = new LinkedHashMap<>();
        scores.forEach((id, score) -> out.put(id, figure(score)));
        return out;
    }

    public static Figure figure(Score s) {
        return new Figure(s.value(), s.display(), s.band(), s.low(), s.high(), s.questions(), s.judgements());
    }

    /** The same figures, whenever computed: what decides whether a change is worth publishing. */
    static boolean sameFigures(ScoresChanged a, ScoresChanged b) {
        return a.criteria().equals(b.criteria()) && a.sections().equals(b.sections())
                && java.util.Objects.equals(a.overall(), b.overall()) && a.threads().equals(b.threads())
                && a.questions().equals(b.questions()) && java.util.Objects.equals(a.sample(), b.sample());
    }
}
