package io.caspian.events;

/** A step in a workload's lifecycle as reported on the workloads topic. */
public enum WorkloadAction {
    SUBMITTED,
    CANCELLED,
    COMPLETED,
    /** Reported by a cluster: the workload's Job is running there. */
    RUNNING,
    /** Reported by a cluster: the workload's Job failed. */
    FAILED
}
