package dev.inspectorate.devstack.demo;

import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/** A sample with the profile a report states, each characteristic given to a random (seeded) set of cases. */
final class Sampler {
    private Sampler() {}

    static List<CaseCharacteristics> sample(DemoSpec.Sample s, Random rnd) {
        int n = s.size();
        CaseType[] type = new CaseType[n];
        fill(type, s.caseType(), v -> CaseType.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')), rnd);
        RoshLevel[] rosh = new RoshLevel[n];
        fill(rosh, s.roshLevel(), v -> RoshLevel.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')), rnd);
        Ethnicity[] ethnicity = new Ethnicity[n];
        fill(ethnicity, s.ethnicity(), v -> Ethnicity.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')), rnd);
        Integer[] tier = new Integer[n];
        fill(tier, s.tier(), Integer::valueOf, rnd);
        Integer[] mappa = new Integer[n];
        fill(mappa, withRest(s.mappaLevel(), n, "0"), Integer::valueOf, rnd);
        boolean[] female = pick(n, s.gender() == null ? 0 : s.gender().getOrDefault("female", 0), i -> true, rnd);
        boolean[] psr = pick(n, s.psr(), i -> type[i] == CaseType.COMMUNITY_ORDER, rnd);
        boolean[] ppo = pick(n, s.ppo(), i -> true, rnd);
        boolean[] ap = pick(n, s.approvedPremises(), i -> type[i] != CaseType.COMMUNITY_ORDER, rnd);
        boolean[] victim = pick(n, s.victimContact(), i -> true, rnd);
        boolean[] child = pick(n, s.childSafeguarding(), i -> true, rnd);
        List<CaseCharacteristics> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new CaseCharacteristics(type[i], rosh[i], ppo[i], mappa[i], female[i] ? Gender.FEMALE : Gender.MALE,
                    ethnicity[i], tier[i], ap[i], victim[i], child[i], psr[i]));
        }
        return out;
    }

    private static Map<String, Integer> withRest(Map<String, Integer> counts, int n, String restKey) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>(counts == null ? Map.of() : counts);
        int used = m.values().stream().mapToInt(Integer::intValue).sum();
        m.merge(restKey, n - used, Integer::sum);
        return m;
    }

    /** Gives each value to its count of cases, in a random order. */
    private static <T> void fill(T[] slots, Map<String, Integer> counts, java.util.function.Function<String, T> value,
            Random rnd) {
        List<T> values = new ArrayList<>();
        counts.forEach((k, c) -> {
            for (int i = 0; i < c; i++) {
                values.add(value.apply(k));
            }
        });
        if (values.size() != slots.length) {
            throw new IllegalArgumentException("counts " + counts + " do not add up to " + slots.length);
        }
        Collections.shuffle(values, rnd);
        values.toArray(slots);
    }

    /** Marks {@code count} random cases among those allowed. */
    private static boolean[] pick(int n, int count, Predicate<Integer> allowed, Random rnd) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (allowed.test(i)) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, rnd);
        boolean[] marked = new boolean[n];
        for (int i = 0; i < Math.min(count, candidates.size()); i++) {
            marked[candidates.get(i)] = true;
        }
        return marked;
    }
}
