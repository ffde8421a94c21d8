package io.caspian.events;

/**
 * A placement the Kubernetes dispatcher must act on, with the kubeconfig contexts of the clusters
 * involved (from their registration records).
 *
 * @param targetContext context of {@code placement.targetCluster()}: where the Job is created, or,
 *     for a cancellation, deleted
 * @param sourceCluster the cluster a migrating workload leaves; null unless it moves
 * @param sourceContext context of {@code sourceCluster}; null unless it moves
 * @param allowlist the images the placement's policy version allows; null: the configuration's
 */
public record DispatchRequest(Placement placement, String targetContext, String sourceCluster, String sourceContext,
        io.caspian.dispatch.ImageAllowlist allowlist) {

    /** A request under the configuration's image allowlist. */
    public DispatchRequest(Placement placement, String targetContext, String sourceCluster, String sourceContext) {
        this(placement, targetContext, sourceCluster, sourceContext, null);
    }

    public boolean cancellation() {
        return placement.phase() == WorkloadPhase.CANCELLED;
    }

    public boolean migration() {
        return sourceCluster != null;
    }

    public String jobId() {
        return placement.jobId();
    }
}
