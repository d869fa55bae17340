package dev.inspectorate.frameworks;

/**
 * A band of a score: applies when the score as displayed (a whole percentage, rounded half-up) is at least
 * {@code min}.
 */
public record Band(double min, String label) {}
