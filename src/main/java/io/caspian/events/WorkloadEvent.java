package io.caspian.events;

/**
 * One lifecycle record of a workload.
 *
 * @param spec present for {@link WorkloadAction#SUBMITTED}, null otherwise
 * @param cluster the reporting cluster for RUNNING / COMPLETED / FAILED reports, the target of a
 *     dispatch outcome; may be null
 * @param origin the input record it was read from, null when it came from no topic
 * @param dispatch what a dispatch outcome or a running report adds; null on every other record
 */
public record WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster,
        Origin origin, DispatchFeedback dispatch) {

    /** A record that did not come from an input topic (a generator, a cluster's Job status, a test). */
    public WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster) {
        this(jobId, action, timestampMillis, spec, cluster, null, null);
    }

    public WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster,
            Origin origin) {
        this(jobId, action, timestampMillis, spec, cluster, origin, null);
    }

    /** A dispatch outcome or a running report of the job's own, seen at {@code atMillis}. */
    public static WorkloadEvent feedback(String jobId, WorkloadAction action, long atMillis, String cluster,
            DispatchFeedback dispatch) {
        return new WorkloadEvent(jobId, action, atMillis, null, cluster, null, dispatch);
    }

    public WorkloadEvent withOrigin(Origin from) {
        return new WorkloadEvent(jobId, action, timestampMillis, spec, cluster, from, dispatch);
    }
}
