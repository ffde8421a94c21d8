package io.caspian.scheduling;

import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;

/**
 * What the placement rounds remember about one workload between rounds. A mutable POJO: it lives
 * only in keyed state and is rewritten as a whole after each round.
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
    /** Where and when the last round planned it (null when unplaced): the next round's warm start. */
    public String plannedCluster;
    public Long plannedStartMillis;

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
