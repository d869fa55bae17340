package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The inspection programmes whose methodology the platform implements. */
public enum Framework {
    ESI, OMI1, OMI2;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Framework fromId(String id) {
        for (Framework f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framework '" + id + "': expected esi, omi1 or omi2");
    }
}
