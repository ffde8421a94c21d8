package io.caspian.scheduling;

/**
 * A workload's running totals, kept in the placement rounds' state apart from the rest of the
 * {@link WorkloadState}: each round adds the interval's carbon to every running workload, and writing
 * these three numbers back is much cheaper than writing the workload with its spec. A workload entry
 * without totals (state from before they were kept apart) keeps the totals it holds itself.
 */
public record CarbonTotals(double emittedCo2G, double baselineCo2G, double unaccountedMinutes) {

    public static CarbonTotals of(WorkloadState w) {
        return new CarbonTotals(w.emittedCo2G, w.baselineCo2G, w.unaccountedMinutes);
    }

    public void applyTo(WorkloadState w) {
        w.emittedCo2G = emittedCo2G;
        w.baselineCo2G = baselineCo2G;
        w.unaccountedMinutes = unaccountedMinutes;
    }
}
