package io.caspian.scheduling;

import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.util.Objects;

/**
 * What the placement rounds remember about one workload between rounds. A mutable POJO: it lives
 * in keyed state, one entry per workload, written back after a round only when the round changed it.
 */
public class WorkloadState {
    public String jobId;
    public WorkloadSpec spec;
    public long submittedMillis;
    public long deadlineMillis;
    public WorkloadPhase phase;
    /** The cluster it runs on; null while pending. */
    public String cluster;
    /** The cluster whose zone the baseline is accounted against. */
    public String homeCluster;
    public Long scheduledAtMillis;
    /** When it started on its current cluster. */
    public Long runningSinceMillis;
    /** Minutes it ran before its current segment (before its last migration). */
    public double ranMinutesBefore;
    public String migratedFrom;
    public Long migrationTimeMillis;
    public int migrations;
    /** Carbon emitted so far by its runs, gCO2, including migration costs. */
    public double emittedCo2G;
    public double migrationCostTotalG;
    /** Carbon the baseline (start at once at home) emitted over the same time, gCO2. */
    public double baselineCo2G;
    /** Minutes of run or baseline that could not be accounted for lack of fresh carbon data. */
    public double unaccountedMinutes;
    /** When it ended (completion, cancellation); null while active. */
    public Long endedMillis;
    /** The last decision published, to publish only changes. */
    public String lastDecisionKey;
    /** What its last published placement said, to publish a placement only when the plan changes. */
    public String lastPublishedKey;
    /** Where and when the last round planned it (null when unplaced): the next round's warm start. */
    public String plannedCluster;
    public Long plannedStartMillis;
    /**
     * With dispatch on: the round whose placement dispatched or moved it, while the dispatcher's outcome
     * is awaited; null otherwise (always null with dispatch off). See {@link DispatchLoop}.
     */
    public Long awaitedDispatchMillis;
    /** The cluster an awaited move leaves, where the workload stays if the move fails; null otherwise. */
    public String moveSource;
    /** Dispatches of it that failed since it last started. */
    public int dispatchFailures;
    /** Not planned, or not moved, before this time: the back-off after a failed dispatch; null when none. */
    public Long retryAtMillis;
    /** Why its last dispatch failed; null when none did. */
    public String dispatchFailure;
    /** When its Job started on its cluster ({@code status.startTime}), as the cluster reported; null until reported. */
    public Long jobStartMillis;

    public WorkloadState() {}

    public static WorkloadState submitted(String jobId, WorkloadSpec spec, long atMillis, String homeCluster) {
        WorkloadState state = new WorkloadState();
        state.jobId = jobId;
        state.spec = spec;
        state.submittedMillis = atMillis;
        state.deadlineMillis = atMillis + spec.deadlineMinutes() * 60_000L;
        state.phase = WorkloadPhase.PENDING;
        state.homeCluster = homeCluster;
        return state;
    }

    /** A copy of every field (the spec is immutable and shared). */
    public WorkloadState copy() {
        WorkloadState c = new WorkloadState();
        c.jobId = jobId;
        c.spec = spec;
        c.submittedMillis = submittedMillis;
        c.deadlineMillis = deadlineMillis;
        c.phase = phase;
        c.cluster = cluster;
        c.homeCluster = homeCluster;
        c.scheduledAtMillis = scheduledAtMillis;
        c.runningSinceMillis = runningSinceMillis;
        c.ranMinutesBefore = ranMinutesBefore;
        c.migratedFrom = migratedFrom;
        c.migrationTimeMillis = migrationTimeMillis;
        c.migrations = migrations;
        c.emittedCo2G = emittedCo2G;
        c.migrationCostTotalG = migrationCostTotalG;
        c.baselineCo2G = baselineCo2G;
        c.unaccountedMinutes = unaccountedMinutes;
        c.endedMillis = endedMillis;
        c.lastDecisionKey = lastDecisionKey;
        c.lastPublishedKey = lastPublishedKey;
        c.plannedCluster = plannedCluster;
        c.plannedStartMillis = plannedStartMillis;
        c.awaitedDispatchMillis = awaitedDispatchMillis;
        c.moveSource = moveSource;
        c.dispatchFailures = dispatchFailures;
        c.retryAtMillis = retryAtMillis;
        c.dispatchFailure = dispatchFailure;
        c.jobStartMillis = jobStartMillis;
        return c;
    }

    /** Whether every field equals the other's: a round writes the entry back only when it does not. */
    public boolean sameAs(WorkloadState o) {
        return Objects.equals(jobId, o.jobId) && Objects.equals(spec, o.spec) && submittedMillis == o.submittedMillis
                && deadlineMillis == o.deadlineMillis && phase == o.phase && Objects.equals(cluster, o.cluster)
                && Objects.equals(homeCluster, o.homeCluster) && Objects.equals(scheduledAtMillis, o.scheduledAtMillis)
                && Objects.equals(runningSinceMillis, o.runningSinceMillis) && ranMinutesBefore == o.ranMinutesBefore
                && Objects.equals(migratedFrom, o.migratedFrom) && Objects.equals(migrationTimeMillis, o.migrationTimeMillis)
                && migrations == o.migrations && emittedCo2G == o.emittedCo2G && migrationCostTotalG == o.migrationCostTotalG
                && baselineCo2G == o.baselineCo2G && unaccountedMinutes == o.unaccountedMinutes
                && Objects.equals(endedMillis, o.endedMillis) && Objects.equals(lastDecisionKey, o.lastDecisionKey)
                && Objects.equals(lastPublishedKey, o.lastPublishedKey)
                && Objects.equals(plannedCluster, o.plannedCluster) && Objects.equals(plannedStartMillis, o.plannedStartMillis)
                && Objects.equals(awaitedDispatchMillis, o.awaitedDispatchMillis) && Objects.equals(moveSource, o.moveSource)
                && dispatchFailures == o.dispatchFailures && Objects.equals(retryAtMillis, o.retryAtMillis)
                && Objects.equals(dispatchFailure, o.dispatchFailure) && Objects.equals(jobStartMillis, o.jobStartMillis);
    }

    /** Minutes it has run in total at the given time. */
    public double ranMinutesAt(long millis) {
        if (runningSinceMillis == null) {
            return ranMinutesBefore;
        }
        return ranMinutesBefore + Math.max(0, millis - runningSinceMillis) / 60_000.0;
    }

    public double remainingMinutesAt(long millis) {
        return Math.max(0, spec.runtimeMinutes() - ranMinutesAt(millis));
    }

    /** When its run ends if nothing changes; null while pending. */
    public Long expectedEndMillis() {
        if (runningSinceMillis == null) {
            return null;
        }
        return runningSinceMillis + Math.round((spec.runtimeMinutes() - ranMinutesBefore) * 60_000.0);
    }

    public long baselineEndMillis() {
        return submittedMillis + spec.runtimeMinutes() * 60_000L;
    }
}
