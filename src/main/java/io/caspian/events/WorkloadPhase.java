package io.caspian.events;

/** Where a workload is in CASPIAN's view. */
public enum WorkloadPhase {
    /** Submitted, not dispatched: waiting for a greener slot, for capacity or for carbon data. */
    PENDING,
    /** Dispatched to its target cluster. */
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED,
    /** Its deadline passed before any cluster could take it. */
    EXPIRED;

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED || this == EXPIRED;
    }
}
