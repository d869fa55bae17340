package dev.inspectorate.devstack;

import java.util.List;

/** The four services and where the devstack runs them. */
enum Service {
    CASE_ASSESSMENT("case-assessment-service", 8081, "case_assessment"),
    SCORING("scoring-service", 8082, "scoring"),
    PERFORMANCE_DATA("performance-data-service", 8083, "performance_data"),
    REPORTING("reporting-service", 8084, "reporting");

    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m");

    final String module;
    final int port;
    final String database;

    Service(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }
}
