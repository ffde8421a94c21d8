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
        double migrationTimeSeconds,
        double downtimeSeconds,
        Double powerSavingWatts,
        Double costSavingPerHour) {}
