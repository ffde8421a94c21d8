package io.caspian.audit;

import java.util.Arrays;

/**
 * Exact percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ceil(p / 100 × n) (1-based). Every value of the window is kept, so there is no estimation error.
 */
public final class Percentiles {

    private Percentiles() {}

    /** The nearest-rank percentile of unsorted values; null when there are none. */
    public static Double nearestRank(long[] values, double percentile) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return (double) sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }
}
