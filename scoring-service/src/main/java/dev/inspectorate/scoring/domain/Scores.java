package dev.inspectorate.scoring.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Every figure of one inspection, keyed by id. A criterion, section or thread with no applicable judgement is
 * absent, as is the overall score where the framework has none or any section it weighs has no score yet.
 */
public record Scores(
        Map<String, Count> questions,
        Map<String, Score> criteria,
        Map<String, Score> sections,
        Optional<Score> overall,
        Map<String, Score> threads) {

    public Scores {
        questions = Map.copyOf(questions);
        criteria = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(criteria));
        sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
        threads = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(threads));
    }
}
