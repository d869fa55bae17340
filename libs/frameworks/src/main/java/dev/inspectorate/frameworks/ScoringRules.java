package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a framework turns question proportions into criterion, section, overall and thread scores. */
public record ScoringRules(
        CriterionRule criterion,
        Double summaryWeight,
        SectionRule section,
        Map<String, Double> overall,
        List<ThreadRule> threads) {

    public enum CriterionRule {
        /** Mean of the criterion's question proportions (ESI, OMI2). */
        @JsonProperty("mean") MEAN,
        /** OMI1: (1 - w) x mean of individual questions + w x the summary question. */
        @JsonProperty("summary-weighted") SUMMARY_WEIGHTED
    }

    public enum SectionRule {
        @JsonProperty("mean") MEAN,
        /** Weighted mean of criterion scores by criterion weight (ESI). */
        @JsonProperty("weighted") WEIGHTED
    }

    /** A thread or headline score: mean proportion of every question with the tag in the sections. */
    public record ThreadRule(String id, String name, ThreadTag tag, List<String> sections, String bands) {
        public ThreadRule {
            sections = List.copyOf(sections);
        }
    }

    public ScoringRules {
        overall = overall == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overall));
        threads = threads == null ? List.of() : List.copyOf(threads);
    }
}
