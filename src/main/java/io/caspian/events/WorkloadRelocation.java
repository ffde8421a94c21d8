package io.caspian.events;

/**
 * A running workload moved between clusters.
 *
 * @param carbonSavingG carbon the move saves over the remaining runtime, before its cost
 * @param carbonSavingRatePct that saving as a share of the carbon of staying
 * @param migrationCostG lambda + network cost x data moved
 * @param netSavingG saving minus cost; positive for every move the optimizer makes
 * @param powerSavingWatts the power the move saves, as a publishing module reports it; null when not given
 * @param costSavingPerHour the cost the move saves per hour, as a publishing module reports it; null when not given
 * @param migrationTimeSeconds decision to target running, as measured by the dispatcher; null while
 *     unknown, never 0 for unknown: null on the relocation the job publishes when it decides a move, on
 *     every relocation with dispatch off and in replay; set on the move's {@link #COMPLETED} follow-up.
 *     A publishing module may report it
 * @param downtimeSeconds source stopped to target running, as measured (0 when the target ran before the
 *     source's Job was deleted); null while unknown, as above
 * @param status the job's own relocations: {@link #DECIDED} when a round moves the workload, then a
 *     follow-up with the same {@code event_id} (the relocation's id) once the dispatcher has carried the
 *     move out ({@link #COMPLETED}) or given it up ({@link #FAILED}); null on a relocation another module
 *     published
 */
public record WorkloadRelocation(
        String fromCluster,
        String toCluster,
        String trigger,
        String reason,
        double carbonSavingG,
        double carbonSavingRatePct,
        double migrationCostG,
        double netSavingG,
        double dataGb,
        Double migrationTimeSeconds,
        Double downtimeSeconds,
        Double powerSavingWatts,
        Double costSavingPerHour,
        String status) {

    public static final String DECIDED = "decided";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** A relocation without a status: as another module publishes it. */
    public WorkloadRelocation(String fromCluster, String toCluster, String trigger, String reason, double carbonSavingG,
            double carbonSavingRatePct, double migrationCostG, double netSavingG, double dataGb, Double migrationTimeSeconds,
            Double downtimeSeconds, Double powerSavingWatts, Double costSavingPerHour) {
        this(fromCluster, toCluster, trigger, reason, carbonSavingG, carbonSavingRatePct, migrationCostG, netSavingG, dataGb,
                migrationTimeSeconds, downtimeSeconds, powerSavingWatts, costSavingPerHour, null);
    }

    /** The follow-up of a decided move: its outcome, why, and (when it completed) its measured seconds. */
    public WorkloadRelocation outcome(String newStatus, String why, Double migrationSeconds, Double downtime) {
        return new WorkloadRelocation(fromCluster, toCluster, trigger, why, carbonSavingG, carbonSavingRatePct, migrationCostG,
                netSavingG, dataGb, migrationSeconds, downtime, powerSavingWatts, costSavingPerHour, newStatus);
    }

    /** Whether it reports how a move the job decided ended (rather than the move itself). */
    public boolean followUp() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }
}
