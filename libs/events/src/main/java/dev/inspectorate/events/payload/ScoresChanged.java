package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.inspectorate.frameworks.Framework;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scores.changed}: an inspection's published figures after a change. Every figure is present that has
 * data; a criterion, section or thread with no applicable judgement is absent.
 */
public record ScoresChanged(
        String inspectionId,
        Framework framework,
        int catalogueVersion,
        Instant asAt,
        Map<String, Figure> criteria,
        Map<String, Figure> sections,
        Figure overall,
        Map<String, Figure> threads,
        Map<String, Tally> questions,
        Sample sample) {

    /**
     * One score. {@code value} is the unrounded percentage (0-100); {@code display} is it rounded half-up, as
     * published; {@code band} the framework's comment on it, where it has one; {@code low} and {@code high} a 95%
     * interval where one is computed; {@code questions} the questions with data behind it and {@code judgements}
     * their applicable judgements (one per case and question), where counted (absent from older events).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figure(double value, int display, String band, Double low, Double high, Integer questions,
            Integer judgements) {
        /** A figure without counts. */
        public Figure(double value, int display, String band, Double low, Double high) {
            this(value, display, band, low, high, null, null);
        }
    }

    /** The sample behind the figures: cases counted, of which submitted; cases withdrawn (not counted). */
    public record Sample(int cases, int submitted, int withdrawn) {}

    /** A question's counts: cases judged sufficient, of the cases where it applied. */
    public record Tally(int sufficient, int applicable) {}

    public ScoresChanged {
        present(inspectionId, "inspectionId");
        present(framework, "framework");
        present(asAt, "asAt");
        criteria = frozen(criteria);
        sections = frozen(sections);
        threads = frozen(threads);
        questions = frozen(questions);
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
