package dev.inspectorate.performance.domain;

/**
 * One metric of a dataset as reported; null where the source prints nothing. {@code missing} says why a value the
 * source had is lost (e.g. printed as ###). {@code rating} is set only on IPPF rating rows.
 */
public record DatasetRow(
        String metric,
        Double actual,
        Double target,
        Double national,
        Double previous,
        Integer grade,
        Double predicted,
        Double difference,
        String significance,
        String rating,
        String missing) {}
