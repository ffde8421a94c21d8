package io.caspian.events;

/** Whether a cluster takes new workloads. */
public enum ClusterStatus {
    /** Schedulable. */
    READY,
    /** Registered but not taking workloads (unreachable, cordoned, upgrading). */
    NOT_READY,
    /** Running workloads may finish; no new ones. */
    DRAINING,
    /** Gone; its workloads must move. */
    DELETED
}
