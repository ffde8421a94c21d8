package io.caspian.events;

/**
 * One cluster the optimizer weighed for a workload, at that cluster's best start time.
 *
 * @param feasible false when the cluster cannot take the workload (the note says why)
 * @param totalCostG carbon of the run plus migration cost: what the optimizer minimises
 */
public record Alternative(
        String cluster, boolean feasible, Long startMillis, double carbonG, double migrationCostG, double totalCostG, String note) {}
