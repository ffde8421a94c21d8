package io.caspian.events;

/**
 * The plan for one workload after one scheduling round: where and when it runs, whether it may be
 * dispatched now, and what that is expected to emit.
 *
 * @param targetCluster null when no cluster can take it this round ({@code gateReason} says why)
 * @param gateOpen true when the workload may run now on {@code targetCluster}
 * @param estimatedCo2G forecast carbon of the rest of its run as planned, plus this round's migration cost
 * @param emittedCo2G carbon its runs emitted so far, accounted with measured intensities, plus
 *     migration costs
 * @param baselineCo2G carbon the baseline (start at once on its home cluster) emitted over the
 *     same time, accounted the same way
 * @param scheduledAtMillis when it was first dispatched; null while pending
 * @param previousCluster the cluster it ran on before this round, null if it was not running
 * @param migratedFrom the cluster it last migrated from, null if it never migrated
 * @param migrationCostG the cost of the move made in this round, 0 when it did not move
 * @param carbonSavingG carbon the move saves over the remaining runtime, before its cost
 * @param endedMillis when it completed, was cancelled, failed or expired; null while active
 * @param spec what the workload asks for (resources, image, command): the Kubernetes dispatcher
 *     builds its Job from it
 * @param submittedMillis when it was submitted (the start of its deadline window)
 * @param policyVersion the policy version of the round that made it (0: caspian.yaml)
 */
public record Placement(
        String jobId,
        long roundMillis,
        WorkloadPhase phase,
        String targetCluster,
        String zone,
        int startSlot,
        Long plannedStartMillis,
        boolean gateOpen,
        String gateReason,
        double estimatedCo2G,
        double emittedCo2G,
        double baselineCo2G,
        Long scheduledAtMillis,
        String previousCluster,
        String migratedFrom,
        Long migrationTimeMillis,
        double dataGb,
        double powerWatts,
        double remainingMinutes,
        long deadlineMillis,
        double migrationCostG,
        double carbonSavingG,
        String solver,
        Long endedMillis,
        WorkloadSpec spec,
        long submittedMillis,
        long policyVersion) {

    public Placement withPrevious(String previous) {
        return new Placement(jobId, roundMillis, phase, targetCluster, zone, startSlot, plannedStartMillis, gateOpen,
                gateReason, estimatedCo2G, emittedCo2G, baselineCo2G, scheduledAtMillis, previous, migratedFrom,
                migrationTimeMillis, dataGb, powerWatts, remainingMinutes, deadlineMillis, migrationCostG, carbonSavingG,
                solver, endedMillis, spec, submittedMillis, policyVersion);
    }

    public Placement withMigration(String from, long atMillis) {
        return new Placement(jobId, roundMillis, phase, targetCluster, zone, startSlot, plannedStartMillis, gateOpen,
                gateReason, estimatedCo2G, emittedCo2G, baselineCo2G, scheduledAtMillis, previousCluster, from, atMillis, dataGb,
                powerWatts, remainingMinutes, deadlineMillis, migrationCostG, carbonSavingG, solver, endedMillis, spec,
                submittedMillis, policyVersion);
    }
}
