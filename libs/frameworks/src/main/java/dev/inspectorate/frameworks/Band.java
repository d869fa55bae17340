package dev.inspectorate.frameworks;

/** A band of a score: applies when the unrounded score (0-100) is at least {@code min}. */
public record Band(double min, String label) {}
