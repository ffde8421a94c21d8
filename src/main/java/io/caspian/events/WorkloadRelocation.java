package io.caspian.events;

/**
 * A running workload moved between clusters.
 *
 * @param carbonSavingG carbon the move saves over the remaining runtime, before its cost
 * @param carbonSavingRatePct that saving as a share of the carbon of staying
 * @param migrationCostG lambda + network cost x data moved
 * @param netSavingG saving minus cost; positive for every move the optimizer makes
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
        double downtimeSeconds) {}
