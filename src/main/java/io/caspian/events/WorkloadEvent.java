package io.caspian.events;

/**
 * One lifecycle record of a workload.
 *
 * @param spec present for {@link WorkloadAction#SUBMITTED}, null otherwise
 * @param cluster the reporting cluster for RUNNING / COMPLETED / FAILED reports; may be null
 * @param origin the input record it was read from, null when it came from no topic
 */
public record WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster,
        Origin origin) {

    /** A record that did not come from an input topic (a generator, a cluster's Job status, a test). */
    public WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster) {
        this(jobId, action, timestampMillis, spec, cluster, null);
    }

    public WorkloadEvent withOrigin(Origin from) {
        return new WorkloadEvent(jobId, action, timestampMillis, spec, cluster, from);
    }
}
