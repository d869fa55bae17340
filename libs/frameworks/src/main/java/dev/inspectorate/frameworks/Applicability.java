package dev.inspectorate.frameworks;

import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import java.util.Collections;
import java.util.LinkedHashSet;
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

    public Applicability {
        caseType = frozen(caseType);
        roshLevel = frozen(roshLevel);
        mappaLevel = frozen(mappaLevel);
        gender = frozen(gender);
        ethnicity = frozen(ethnicity);
        tier = frozen(tier);
    }

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

    /**
     * Null stays null (any case). Sorted, as Jackson hands over a HashSet, so the served catalogue reads the same
     * on every run; a LinkedHashSet, as an immutable Set.copyOf would throw on {@code contains(null)}.
     */
    private static <T extends Comparable<? super T>> Set<T> frozen(Set<T> s) {
        return s == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(s.stream().sorted().toList()));
    }

    private static <T> boolean in(Set<T> allowed, T value) {
        return allowed == null || allowed.contains(value);
    }

    private static boolean is(Boolean required, boolean value) {
        return required == null || required == value;
    }
}
