package io.jasyncio.benchmarks;

import java.util.Arrays;

/** The median the harnesses report: of their measured runs, leaving the array as it was. */
public final class Median {
    private Median() {}

    /** The middle value of {@code values}, or the mean of the two middle ones. */
    public static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
