package dev.inspectorate.frameworks;

import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import java.util.Set;

/**
 * The cases a question can apply to. Each characteristic given must match; an absent one allows any case.
 * A question that can apply may still be answered NOT_APPLICABLE for a particular case.
 */
public record Applicability(
        Set<CaseType> caseType,
        Set<RoshLevel> roshLevel,
        Boolean ppo,
        Set<Integer> mappaLevel,
        Set<Gender> gender,
        Set<Ethnicity> ethnicity,
        Set<Integer> tier,
        Boolean approvedPremises,
        Boolean victimContact,
        Boolean childSafeguarding,
        Boolean psr) {

    public static final Applicability ANY_CASE =
            new Applicability(null, null, null, null, null, null, null, null, null, null, null);

    public boolean matches(CaseCharacteristics c) {
        return in(caseType, c.caseType())
                && in(roshLevel, c.roshLevel())
                && is(ppo, c.ppo())
                && in(mappaLevel, c.mappaLevel())
                && in(gender, c.gender())
                && in(ethnicity, c.ethnicity())
                && (tier == null || (c.tier() != null && tier.contains(c.tier())))
                && is(approvedPremises, c.approvedPremises())
                && is(victimContact, c.victimContact())
                && is(childSafeguarding, c.childSafeguarding())
                && is(psr, c.psr());
    }

    private static <T> boolean in(Set<T> allowed, T value) {
        return allowed == null || allowed.contains(value);
    }

    private static boolean is(Boolean required, boolean value) {
        return required == null || required == value;
    }
}
