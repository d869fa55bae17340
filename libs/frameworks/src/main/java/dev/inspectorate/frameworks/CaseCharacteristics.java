package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sample records about an offender case: the characteristics that decide which questions apply
 * and that reports break results down by.
 */
public record CaseCharacteristics(
        CaseType caseType,
        RoshLevel roshLevel,
        boolean ppo,
        int mappaLevel,
        Gender gender,
        Ethnicity ethnicity,
        Integer tier,
        boolean approvedPremises,
        boolean victimContact,
        boolean childSafeguarding,
        boolean psr) {

    public enum CaseType {
        @JsonProperty("community-order") COMMUNITY_ORDER,
        @JsonProperty("licence") LICENCE,
        @JsonProperty("custody") CUSTODY
    }

    public enum RoshLevel {
        @JsonProperty("low") LOW,
        @JsonProperty("medium") MEDIUM,
        @JsonProperty("high") HIGH,
        @JsonProperty("very-high") VERY_HIGH
    }

    public enum Gender {
        @JsonProperty("male") MALE,
        @JsonProperty("female") FEMALE
    }

    public enum Ethnicity {
        @JsonProperty("white") WHITE,
        @JsonProperty("mixed") MIXED,
        @JsonProperty("asian") ASIAN,
        @JsonProperty("black") BLACK,
        @JsonProperty("other") OTHER,
        @JsonProperty("not-known") NOT_KNOWN
    }

    /** Names of the characteristics, as clients spell them, for breakdowns and error messages. */
    public static final List<String> NAMES = List.of("caseType", "roshLevel", "ppo", "mappaLevel", "gender",
            "ethnicity", "tier", "approvedPremises", "victimContact", "childSafeguarding", "psr");

    /** Every rule a valid sample entry breaks, as characteristic name to message; empty when valid. */
    public Map<String, String> violations() {
        Map<String, String> v = new LinkedHashMap<>();
        if (caseType == null) {
            v.put("caseType", "is required: community-order, licence or custody");
        }
        if (roshLevel == null) {
            v.put("roshLevel", "is required: low, medium, high or very-high");
        }
        if (gender == null) {
            v.put("gender", "is required: male or female");
        }
        if (ethnicity == null) {
            v.put("ethnicity", "is required: white, mixed, asian, black, other or not-known");
        }
        if (mappaLevel < 0 || mappaLevel > 3) {
            v.put("mappaLevel", "must be 0 (none), 1, 2 or 3");
        }
        if (tier != null && (tier < 1 || tier > 4)) {
            v.put("tier", "must be 1, 2, 3 or 4");
        }
        return v;
    }

    /** The value of a characteristic by name, for breakdowns. */
    public Object value(String name) {
        return switch (name) {
            case "caseType" -> caseType;
            case "roshLevel" -> roshLevel;
            case "ppo" -> ppo;
            case "mappaLevel" -> mappaLevel;
            case "gender" -> gender;
            case "ethnicity" -> ethnicity;
            case "tier" -> tier;
            case "approvedPremises" -> approvedPremises;
            case "victimContact" -> victimContact;
            case "childSafeguarding" -> childSafeguarding;
            case "psr" -> psr;
            default -> throw new IllegalArgumentException("unknown characteristic '" + name + "'; known: " + NAMES);
        };
    }
}
