package dev.inspectorate.caseassessment.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role on one inspection's team. */
public enum TeamRole {
    LEAD_INSPECTOR("lead-inspector"),
    INSPECTOR("inspector"),
    AREA_ASSESSOR("area-assessor");

    private final String id;

    TeamRole(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static TeamRole fromId(String id) {
        for (TeamRole r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown team role '" + id + "': lead-inspector, inspector or area-assessor");
    }
}
