package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One framework's catalogue: sections, criteria, questions, grade scales, band rules and weights. Immutable;
 * loaded from the versioned data files under {@code /frameworks} by {@link Catalogues}.
 */
@JsonPropertyOrder({"framework", "version", "title", "years", "scoring", "weights", "gradeScales", "bands",
    "lineOfPriority", "sections"})
public final class Catalogue {
    private final Framework framework;
    private final int version;
    private final String title;
    private final String years;
    private final ScoringRules scoring;
    private final Map<String, Double> weights;
    private final Map<String, List<String>> gradeScales;
    private final Map<String, List<Band>> bands;
    private final Double lineOfPriority;
    private final List<Section> sections;

    private final Map<String, Criterion> criteriaById = new LinkedHashMap<>();
    private final Map<String, Section> sectionByCriterion = new LinkedHashMap<>();
    private final Map<String, Question> questionsById = new LinkedHashMap<>();

    @JsonCreator
    public Catalogue(
            @JsonProperty("framework") Framework framework,
            @JsonProperty("version") int version,
            @JsonProperty("title") String title,
            @JsonProperty("years") String years,
            @JsonProperty("scoring") ScoringRules scoring,
            @JsonProperty("weights") Map<String, Double> weights,
            @JsonProperty("gradeScales") Map<String, List<String>> gradeScales,
            @JsonProperty("bands") Map<String, List<Band>> bands,
            @JsonProperty("lineOfPriority") Double lineOfPriority,
            @JsonProperty("sections") List<Section> sections) {
        this.framework = framework;
        this.version = version;
        this.title = title;
        this.years = years;
        this.scoring = scoring;
        this.weights = frozen(weights);
        this.gradeScales = frozenLists(gradeScales);
        this.bands = frozenLists(bands);
        this.lineOfPriority = lineOfPriority;
        this.sections = List.copyOf(sections);
        for (Section s : this.sections) {
            for (Criterion c : s.criteria()) {
                criteriaById.putIfAbsent(c.id(), c);
                sectionByCriterion.putIfAbsent(c.id(), s);
                for (Question q : c.questions()) {
                    questionsById.putIfAbsent(q.id(), q);
                }
            }
        }
    }

    /** Copies keep the file's order, which the served catalogue shows. */
    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** As {@link #frozen}, and the lists Jackson built too; a key without a list gets an empty one. */
    private static <E> Map<String, List<E>> frozenLists(Map<String, List<E>> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, List<E>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    @JsonProperty public Framework framework() { return framework; }
    @JsonProperty public int version() { return version; }
    @JsonProperty public String title() { return title; }
    @JsonProperty public String years() { return years; }
    @JsonProperty public ScoringRules scoring() { return scoring; }
    @JsonProperty public Map<String, Double> weights() { return weights; }
    @JsonProperty public Map<String, List<String>> gradeScales() { return gradeScales; }
    @JsonProperty public Map<String, List<Band>> bands() { return bands; }
    @JsonProperty public Double lineOfPriority() { return lineOfPriority; }
    @JsonProperty public List<Section> sections() { return sections; }

    public Optional<Criterion> criterion(String id) {
        return Optional.ofNullable(criteriaById.get(id));
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questionsById.get(id));
    }

    /** The section holding a criterion. */
    public Section sectionOf(String criterionId) {
        Section s = sectionByCriterion.get(criterionId);
        if (s == null) {
            throw new IllegalArgumentException("no criterion " + criterionId + " in " + framework.id());
        }
        return s;
    }

    public List<Criterion> criteria() {
        return List.copyOf(criteriaById.values());
    }

    public List<Question> questions() {
        return List.copyOf(questionsById.values());
    }

    /**
     * The band of a score under the named rule, if the rule exists. It takes the score as displayed (rounded
     * half-up): a figure printed 80 must carry the band of 80, not that of the 79.6 behind it.
     */
    public Optional<String> band(String rule, int displayed) {
        if (rule == null) {
            return Optional.empty();
        }
        return bands.getOrDefault(rule, List.of()).stream()
                .filter(b -> displayed >= b.min())
                .map(Band::label)
                .findFirst();
    }

    /** The factor of a criterion's weight; 1 where the framework has no weights. */
    public double weightOf(Criterion c) {
        if (c.weight() == null) {
            return 1.0;
        }
        Double w = weights.get(c.weight());
        if (w == null) {
            throw new IllegalStateException("criterion " + c.id() + " names unknown weight " + c.weight());
        }
        return w;
    }
}
