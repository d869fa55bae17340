package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

public record Section(String id, String title, List<Criterion> criteria) {

    public Section {
        criteria = List.copyOf(criteria);
    }

    /** A section is scored when any of its criteria is scored from cases (ESI A and OMI 4 are graded). */
    @JsonIgnore
    public boolean caseScored() {
        return criteria.stream().anyMatch(Criterion::caseScored);
    }
}
