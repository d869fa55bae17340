package dev.inspectorate.caseassessment.domain;

/** Stream ids of the event store: one stream per inspection and one per sampled case. */
public final class Streams {
    private Streams() {}

    public static String inspection(String inspectionId) {
        return "inspection-" + inspectionId;
    }

    /** Case ids are unique within an inspection only, so the case stream names both. */
    public static String ofCase(String inspectionId, String caseId) {
        return "case-" + inspectionId + "/" + caseId;
    }

    /** The case id of a case stream of the given inspection. */
    public static String caseIdOf(String streamId, String inspectionId) {
        String prefix = ofCase(inspectionId, "");
        if (!streamId.startsWith(prefix)) {
            throw new IllegalArgumentException(streamId + " is not a case stream of inspection " + inspectionId);
        }
        return streamId.substring(prefix.length());
    }
}
