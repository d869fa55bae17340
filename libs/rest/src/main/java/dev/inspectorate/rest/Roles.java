package dev.inspectorate.rest;

/** The roles of the {@code groups} claim. */
public final class Roles {
    public static final String LEAD_INSPECTOR = "lead-inspector";
    public static final String INSPECTOR = "inspector";
    /** Staff of the inspected area who read cases; scoped by the {@code area} claim. */
    public static final String AREA_ASSESSOR = "area-assessor";
    /** Loads national performance data; scoped by the {@code area} claim, or national without one. */
    public static final String PERFORMANCE_ANALYST = "performance-analyst";
    public static final String READER = "reader";
    /** Runs the platform: checks and rebuilds projections; reads no case content. */
    public static final String OPERATOR = "operator";

    public static final String[] ALL = {LEAD_INSPECTOR, INSPECTOR, AREA_ASSESSOR, PERFORMANCE_ANALYST, READER, OPERATOR};

    private Roles() {}
}
