package io.caspian.dispatch;

/**
 * What one dispatch did on one cluster.
 *
 * @param action what happened, e.g. {@code created}, {@code already_present}, {@code deleted}
 * @param attempts API attempts the step took (retries included)
 * @param reason null on success, else the dead-letter reason: {@link #API_ERROR} for a call that
 *     failed, {@link #API_UNREACHABLE} for one not tried because the API is down, or why the workload was refused
 *     before any call ({@link WorkloadJobs.Refused})
 * @param error null on success, else why the step failed for good
 */
public record DispatchOutcome(String jobId, String cluster, String action, int attempts, String reason, String error,
        MoveTimes moveTimes) {

    public static final String API_ERROR = "kubernetes_api_error";
    /** The cluster's API has not been answering: the step was not tried ({@link ApiBreaker}). */
    public static final String API_UNREACHABLE = "kubernetes_api_unreachable";
    /** A move's target Job did not run within {@code kubernetes.migration-start-timeout}. */
    public static final String TARGET_NOT_RUNNING = "target_not_running";
    /** A move's source completed its run before the target ran: the move is moot and the target's Job is deleted. */
    public static final String SOURCE_FINISHED = "source_finished";

    /**
     * The wall-clock instants of one move, as the dispatcher saw them.
     *
     * @param requestedMillis when the move's decision reached the dispatcher
     * @param targetRunningMillis when the dispatcher first saw the target's Job with a pod running (or done)
     * @param sourceStoppedMillis when the source's Job was deleted (or found gone)
     */
    public record MoveTimes(long requestedMillis, long targetRunningMillis, long sourceStoppedMillis) {

        /** Decision to target running. */
        public double migrationSeconds() {
            return Math.max(0, targetRunningMillis - requestedMillis) / 1000.0;
        }

        /** Source stopped to target running: 0 when the target ran before the source stopped (make before break). */
        public double downtimeSeconds() {
            return Math.max(0, targetRunningMillis - sourceStoppedMillis) / 1000.0;
        }
    }

    public DispatchOutcome(String jobId, String cluster, String action, int attempts, String reason, String error) {
        this(jobId, cluster, action, attempts, reason, error, null);
    }

    public static final String CREATED = "created";
    public static final String ALREADY_PRESENT = "already_present";
    public static final String DELETED = "deleted";
    public static final String ALREADY_ABSENT = "already_absent";
    public static final String MIGRATION_COMPLETE = "migration_complete";
    public static final String FAILED = "failed";

    public static DispatchOutcome done(String jobId, String cluster, String action, int attempts) {
        return new DispatchOutcome(jobId, cluster, action, attempts, null, null);
    }

    public static DispatchOutcome migrated(String jobId, String cluster, MoveTimes times) {
        return new DispatchOutcome(jobId, cluster, MIGRATION_COMPLETE, 0, null, null, times);
    }

    public static DispatchOutcome failed(String jobId, String cluster, int attempts, String reason, String error) {
        return new DispatchOutcome(jobId, cluster, FAILED, attempts, reason, error);
    }

    public boolean failed() {
        return error != null;
    }
}
