package dev.inspectorate.events;

import dev.inspectorate.events.payload.CaseAssessmentReopened;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseAssigned;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionClosed;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.events.payload.ReportPublished;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.TeamMemberRemoved;
import dev.inspectorate.events.payload.TeamMemberSet;
import java.net.URI;
import java.util.Optional;

/** Every event type with its current schema version and payload record. */
public enum EventType {
    INSPECTION_OPENED("inspection.opened", 1, InspectionOpened.class),
    TEAM_MEMBER_SET("team.member.set", 1, TeamMemberSet.class),
    TEAM_MEMBER_REMOVED("team.member.removed", 1, TeamMemberRemoved.class),
    CASE_SAMPLED("case.sampled", 1, CaseSampled.class),
    CASE_ASSIGNED("case.assigned", 1, CaseAssigned.class),
    JUDGEMENT_RECORDED("judgement.recorded", 1, JudgementRecorded.class),
    JUDGEMENT_MODERATED("judgement.moderated", 1, JudgementModerated.class),
    CASE_ASSESSMENT_SUBMITTED("case.assessment.submitted", 1, CaseAssessmentSubmitted.class),
    CASE_ASSESSMENT_REOPENED("case.assessment.reopened", 1, CaseAssessmentReopened.class),
    CASE_WITHDRAWN("case.withdrawn", 1, CaseWithdrawn.class),
    GRADE_RECORDED("grade.recorded", 1, GradeRecorded.class),
    CONCLUSION_RECORDED("conclusion.recorded", 1, ConclusionRecorded.class),
    INSPECTION_CLOSED("inspection.closed", 1, InspectionClosed.class),
    SCORES_CHANGED("scores.changed", 1, ScoresChanged.class),
    PERFORMANCE_DATASET_LOADED("performance.dataset.loaded", 1, PerformanceDatasetLoaded.class),
    REPORT_PUBLISHED("report.published", 1, ReportPublished.class);

    /** Schemas are published under this base; the path is {@code <type>/v<version>.json}. */
    public static final String SCHEMA_BASE = "https://inspectorate.dev/schemas/events/";

    private final String ceType;
    private final int schemaVersion;
    private final Class<? extends Record> payload;

    EventType(String ceType, int schemaVersion, Class<? extends Record> payload) {
        this.ceType = ceType;
        this.schemaVersion = schemaVersion;
        this.payload = payload;
    }

    /** The CloudEvents {@code type}, dotted noun.verb. */
    public String ceType() {
        return ceType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends Record> payload() {
        return payload;
    }

    public URI dataschema() {
        return dataschema(schemaVersion);
    }

    public URI dataschema(int version) {
        return dataschema(ceType, version);
    }

    /** The schema URI of any type and version, also of a type this code no longer knows. */
    public static URI dataschema(String ceType, int version) {
        return Uris.of(SCHEMA_BASE + ceType + "/v" + version + ".json");
    }

    /** The classpath resource holding the JSON Schema of a version of this type. */
    public String schemaResource(int version) {
        return "/schemas/" + ceType + "/v" + version + ".json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        for (EventType t : values()) {
            if (t.ceType.equals(ceType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static EventType of(Class<? extends Record> payload) {
        for (EventType t : values()) {
            if (t.payload.equals(payload)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no event type for payload " + payload.getName());
    }
}
