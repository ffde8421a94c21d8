package io.caspian.audit;

import java.util.Arrays;

/**
 * Exact percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ceil(p / 100 × n) (1-based). Every value of the window is kept, so there is no estimation error.
 */
public final class Percentiles {

    private Percentiles() {}

    /** The nearest-rank percentile of values given as value → how many times it occurs; null when there are none. */
    public static Double nearestRank(java.util.Map<Long, Long> counts, double percentile) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, Math.min(total, (long) Math.ceil(percentile / 100.0 * total)));
        long seen = 0;
        for (java.util.Map.Entry<Long, Long> entry : new java.util.TreeMap<>(counts).entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return (double) entry.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total + " values");
    }

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
