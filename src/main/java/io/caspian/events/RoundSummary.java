package io.caspian.events;

import java.util.List;

/**
 * What one scheduling round of one domain did, in one small record: how many workloads it planned and
 * where, the power they draw, the carbon planned, and what the fleet and its baseline emitted in the
 * interval the round closed. Placements are published only when a workload's plan changes; the figures
 * that need every round (carbon accounting, power per cluster over time) come from these records.
 *
 * @param placements how many placements the round published (workloads whose plan changed or that ended)
 * @param emittedCo2G carbon the domain's workloads emitted in the interval, migration costs included
 * @param baselineCo2G carbon their baseline emitted over the same interval
 * @param migrationCostG migration costs paid in this round (part of {@code emittedCo2G})
 * @param energyKwh energy the running workloads drew in the interval
 * @param policyVersion the policy version the round planned under (0: caspian.yaml)
 * @param clusters one row per cluster of the domain, in name order
 */
public record RoundSummary(
        String domain,
        long roundMillis,
        String solver,
        long solverMillis,
        int pending,
        int held,
        int running,
        int ended,
        int placements,
        double emittedCo2G,
        double baselineCo2G,
        double migrationCostG,
        double energyKwh,
        long policyVersion,
        List<ClusterRound> clusters) {

    /**
     * One cluster in one round.
     *
     * @param workloads workloads running there after the round
     * @param accounted workloads whose interval was accounted to this cluster (dispatched there)
     * @param powerWatts the power those workloads draw
     * @param plannedCo2G forecast carbon of the rest of every run planned there (held ones included)
     * @param emittedCo2G what the workloads dispatched there emitted in the interval (plus moves paid here)
     * @param baselineCo2G what their baseline emitted over the same interval
     */
    public record ClusterRound(
            String cluster,
            String zone,
            int workloads,
            int accounted,
            double powerWatts,
            double plannedCo2G,
            double emittedCo2G,
            double baselineCo2G,
            double migrationCostG,
            double energyKwh) {}
}
