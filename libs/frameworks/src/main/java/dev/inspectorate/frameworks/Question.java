package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One question of the assessment tool, answered per case. {@code finding} is the practice the question asks about,
 * stated as a report's finding states it but without its number ("a RoSH screening was completed on time"), so that a
 * proportion can complete it: "A RoSH screening was completed on time in 85% of cases."
 */
public record Question(
        String id,
        String text,
        String finding,
        boolean summary,
        Set<ThreadTag> threads,
        Applicability appliesTo,
        List<String> findings) {

    public Question {
        // Sorted (RoH, LoR, C&E) rather than Set.copyOf's per-run order, so the served catalogue reads the same.
        threads = threads == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(threads.stream().sorted().toList()));
        appliesTo = appliesTo == null ? Applicability.ANY_CASE : appliesTo;
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** The criterion a question belongs to is the part of its id before the last dot. */
    @JsonIgnore
    public String criterionId() {
        return id.substring(0, id.lastIndexOf('.'));
    }

    public boolean canApplyTo(CaseCharacteristics c) {
        return appliesTo.matches(c);
    }

    public boolean feeds(ThreadTag tag) {
        return threads.contains(tag);
    }
}
