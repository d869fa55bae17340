package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A criterion: scored from case judgements, or graded by the lead inspector. */
public record Criterion(
        String id,
        String title,
        String statement,
        Assessment assessment,
        String gradeScale,
        String weight,
        String bands,
        List<Question> questions) {

    public enum Assessment {
        @JsonProperty("case") CASE,
        @JsonProperty("graded") GRADED
    }

    public Criterion {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    @JsonIgnore
    public boolean caseScored() {
        return assessment == Assessment.CASE;
    }
}
