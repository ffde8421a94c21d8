package io.caspian.events;

/**
 * A Kubernetes cluster's registration or state update.
 *
 * @param geolocation the grid zone whose carbon intensity applies to the cluster (e.g. {@code KR})
 * @param total the cluster's allocatable capacity
 * @param available what is free right now, as the cluster reports it (for utilization)
 * @param kubeconfigContext the context the dispatcher uses to reach the cluster
 * @param origin the input record it was read from, null when it came from no topic; never kept in state
 */
public record Cluster(
        String name,
        String geolocation,
        Resources total,
        Resources available,
        String kubeconfigContext,
        ClusterStatus status,
        long timestampMillis,
        Origin origin) {

    /** A registration that did not come from an input topic (a generator, a test). */
    public Cluster(String name, String geolocation, Resources total, Resources available, String kubeconfigContext,
            ClusterStatus status, long timestampMillis) {
        this(name, geolocation, total, available, kubeconfigContext, status, timestampMillis, null);
    }

    public Cluster withOrigin(Origin from) {
        return new Cluster(name, geolocation, total, available, kubeconfigContext, status, timestampMillis, from);
    }

    public boolean schedulable() {
        return status == ClusterStatus.READY;
    }

    /** Share of CPU in use, 0..1 (GPU and memory are reported separately by the analytics). */
    public double cpuUtilization() {
        return total.cpu() <= 0 ? 0 : Math.max(0, Math.min(1, 1 - available.cpu() / total.cpu()));
    }
}
