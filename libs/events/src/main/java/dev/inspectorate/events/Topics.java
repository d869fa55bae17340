package dev.inspectorate.events;

/** The Kafka topics of the platform. Each has a dead-letter topic named {@code <topic>.dlq}. */
public final class Topics {
    public static final String INSPECTION_EVENTS = "inspection-events";
    public static final String SCORE_EVENTS = "score-events";
    public static final String PERFORMANCE_EVENTS = "performance-events";
    public static final String REPORT_EVENTS = "report-events";

    public static final String[] ALL = {INSPECTION_EVENTS, SCORE_EVENTS, PERFORMANCE_EVENTS, REPORT_EVENTS};

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
