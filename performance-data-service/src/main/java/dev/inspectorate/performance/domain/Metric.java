package dev.inspectorate.performance.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A national performance metric: how it is measured and judged against its target. Contextual figures (framework
 * {@code context}: caseload, budget, ...) describe an area and have no target and no direction. A metric
 * {@code againstPredicted} (a reconviction rate) has no target of its own: its actual rate must beat the rate
 * predicted for the area's offenders.
 */
public record Metric(
        String id,
        String name,
        String framework,
        String domain,
        Unit unit,
        Direction direction,
        Double target,
        Double tolerance,
        boolean managementInformation,
        boolean againstPredicted,
        List<String> aliases) {

    /** Near miss: a shortfall of up to this percentage of the target still earns the reports' asterisk. */
    public static final double DEFAULT_TOLERANCE = 5.6;

    public enum Unit {
        @JsonProperty("percent") PERCENT,
        @JsonProperty("percent-of-target") PERCENT_OF_TARGET,
        @JsonProperty("days") DAYS,
        @JsonProperty("count") COUNT,
        @JsonProperty("rate") RATE,
        @JsonProperty("ratio") RATIO,
        @JsonProperty("gbp-million") GBP_MILLION
    }

    public enum Direction {
        @JsonProperty("higher") HIGHER,
        @JsonProperty("lower") LOWER
    }

    public Metric {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public double toleranceOrDefault() {
        return tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    }
}
