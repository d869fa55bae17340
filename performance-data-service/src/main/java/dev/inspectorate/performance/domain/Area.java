package dev.inspectorate.performance.domain;

import java.util.List;

/** A probation area of England and Wales, or the national figure. */
public record Area(String id, String name, String region, boolean national, List<String> aliases) {
    public Area {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
