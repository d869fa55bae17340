package dev.inspectorate.performance.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The metrics and areas the service knows, from the data files under {@code /metrics}. */
public final class MetricCatalogue {
    /** IPPF ratings travel as rows of these pseudo-metrics, with only a rating. */
    public static final List<String> RATING_ROWS = List.of("ippf-domain-public-protection",
            "ippf-domain-offender-management", "ippf-domain-interventions", "ippf-domain-operational-capability",
            "ippf-area");
    public static final List<String> RATINGS = List.of("Poor", "Passable", "Good", "Outstanding");

    private record MetricsFile(List<Metric> metrics) {}

    private record AreasFile(List<Area> areas) {}

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Area> areas = new LinkedHashMap<>();

    private MetricCatalogue() {}

    public static MetricCatalogue load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        MetricCatalogue c = new MetricCatalogue();
        try (InputStream m = MetricCatalogue.class.getResourceAsStream("/metrics/metrics.yaml");
                InputStream a = MetricCatalogue.class.getResourceAsStream("/metrics/areas.yaml")) {
            yaml.readValue(m, MetricsFile.class).metrics().forEach(x -> c.metrics.put(x.id(), x));
            yaml.readValue(a, AreasFile.class).areas().forEach(x -> c.areas.put(x.id(), x));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metric catalogue", e);
        }
        return c;
    }

    public List<Metric> metrics() {
        return List.copyOf(metrics.values());
    }

    public List<Area> areas() {
        return List.copyOf(areas.values());
    }

    /** A metric by id or by any name the reports print for it. */
    public Optional<Metric> metric(String idOrName) {
        Metric m = metrics.get(idOrName);
        if (m != null) {
            return Optional.of(m);
        }
        String key = idOrName.trim().toLowerCase(Locale.ROOT);
        return metrics.values().stream()
                .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(key)
                        || x.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(key)))
                .findFirst();
    }

    /** An area by id or name. */
    public Optional<Area> area(String idOrName) {
        Area a = areas.get(idOrName);
        if (a != null) {
            return Optional.of(a);
        }
        String key = idOrName.trim().toLowerCase(Locale.ROOT);
        return areas.values().stream()
                .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(key)
                        || x.aliases().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(key)))
                .findFirst();
    }
}
