package io.caspian.dispatch;

/**
 * What one dispatch did on one cluster.
 *
 * @param action what happened, e.g. {@code created}, {@code already_present}, {@code deleted}
 * @param attempts API attempts the step took (retries included)
 * @param reason null on success, else the dead-letter reason: {@link #API_ERROR} for a call that
 *     failed, or why the workload was refused before any call ({@link WorkloadJobs.Refused})
 * @param error null on success, else why the step failed for good
 */
public record DispatchOutcome(String jobId, String cluster, String action, int attempts, String reason, String error) {

    public static final String API_ERROR = "kubernetes_api_error";

    public static final String CREATED = "created";
    public static final String ALREADY_PRESENT = "already_present";
    public static final String DELETED = "deleted";
    public static final String ALREADY_ABSENT = "already_absent";
    public static final String MIGRATION_COMPLETE = "migration_complete";
    public static final String FAILED = "failed";

    public static DispatchOutcome done(String jobId, String cluster, String action, int attempts) {
        return new DispatchOutcome(jobId, cluster, action, attempts, null, null);
    }

    public static DispatchOutcome failed(String jobId, String cluster, int attempts, String reason, String error) {
        return new DispatchOutcome(jobId, cluster, FAILED, attempts, reason, error);
    }

    public boolean failed() {
        return error != null;
    }
}
