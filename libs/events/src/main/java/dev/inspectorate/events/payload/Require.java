package dev.inspectorate.events.payload;

import dev.inspectorate.events.InvalidEventException;

/** Contract checks shared by the payload records. */
final class Require {
    private Require() {}

    static <T> T present(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException(field + " is required");
        }
        return value;
    }
}
