package io.caspian.testing;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.util.List;

/** Placement fixtures: the seed's 50 GB, 16-core workload at a given round. */
public final class Placements {

    public static final WorkloadSpec SEED_SPEC = new WorkloadSpec(16, 64, 0, 50, 240, 480, List.of(), "python:3.11-slim",
            List.of("python", "train.py"), null);
    public static final long DEADLINE_MILLIS = 1_761_148_800_000L;
    /** 08:00, 480 minutes (the spec's deadline) before {@link #DEADLINE_MILLIS}: every round sees the same submission. */
    public static final long SUBMITTED_MILLIS = DEADLINE_MILLIS - SEED_SPEC.deadlineMinutes() * 60_000L;

    private Placements() {}

    static final io.caspian.optimizer.MigrationCostModel COSTS =
            io.caspian.optimizer.MigrationCostModel.of(io.caspian.config.ConfigLoader.defaults().migration());

    /** Dispatched (gate open) on {@code target}, having run on {@code previous} (null if it was pending). */
    public static Placement dispatched(String jobId, long roundMillis, String target, String previous, double estimatedCo2G) {
        return dispatched(jobId, roundMillis, target, previous, estimatedCo2G, SUBMITTED_MILLIS);
    }

    /** As above, for a submission made at {@code submittedMillis} (deadline 480 minutes after it). */
    public static Placement dispatched(String jobId, long roundMillis, String target, String previous, double estimatedCo2G,
            long submittedMillis) {
        // a move carries the price the planner puts on it, with the shipped cost model
        double migrationCost = previous != null && !previous.equals(target) ? COSTS.cost(previous, target, SEED_SPEC.dataGb()) : 0;
        return new Placement(jobId, roundMillis, WorkloadPhase.RUNNING, target, null, 0, roundMillis, true, "test",
                estimatedCo2G, 0, 0, roundMillis, previous, null, null, SEED_SPEC.dataGb(), 480, 240,
                submittedMillis + SEED_SPEC.deadlineMinutes() * 60_000L, migrationCost, 0, "greedy", null, SEED_SPEC,
                submittedMillis, 0);
    }

    public static Placement ended(String jobId, long roundMillis, String cluster, WorkloadPhase phase) {
        return new Placement(jobId, roundMillis, phase, cluster, null, -1, null, false, "test", 0, 0, 0, null, null, null,
                null, SEED_SPEC.dataGb(), 480, 0, DEADLINE_MILLIS, 0, 0, "none", roundMillis, SEED_SPEC, SUBMITTED_MILLIS, 0);
    }
}
