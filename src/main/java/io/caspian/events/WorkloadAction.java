package io.caspian.events;

/**
 * A step in a workload's lifecycle. The first five are what the workloads topic and the clusters' Job
 * status report; the dispatch outcomes are the job's own records about its Jobs, which no input topic
 * may claim ({@link #reportable}).
 */
public enum WorkloadAction {
    SUBMITTED,
    CANCELLED,
    COMPLETED,
    /** Reported by a cluster: the workload's Job is running there. */
    RUNNING,
    /** Reported by a cluster: the workload's Job failed. */
    FAILED,
    /** The dispatcher created the workload's Job (on a move: the target runs and the source's Job is gone). */
    DISPATCHED,
    /** The dispatcher could not create the workload's Job, or a move's target did not start. */
    DISPATCH_FAILED;

    /** Whether a record on the workloads topic may carry it: not the dispatcher's own outcomes. */
    public boolean reportable() {
        return this != DISPATCHED && this != DISPATCH_FAILED;
    }

    /** A dispatcher's outcome about one dispatch of a placement. */
    public boolean dispatchOutcome() {
        return !reportable();
    }
}
