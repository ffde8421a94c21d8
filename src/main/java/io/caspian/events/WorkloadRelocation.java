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
 * @param migrationTimeSeconds how long the move took, as measured; null while unknown, never 0. The
 *     job does not measure its own moves yet, so it is null on every relocation the job derives (always
 *     with dispatch off and in replay); a publishing module may report it
 * @param downtimeSeconds how long the workload ran nowhere during the move; null while unknown, as above
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
        Double costSavingPerHour) {}
