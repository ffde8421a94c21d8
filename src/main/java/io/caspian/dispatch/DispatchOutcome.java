package io.caspian.dispatch;

/**
 * What one dispatch did on one cluster.
 *
 * @param action what happened, e.g. {@code created}, {@code already_present}, {@code deleted}
 * @param attempts API attempts the step took (retries included)
 * @param error null on success, else why the step failed for good
 */
public record DispatchOutcome(String jobId, String cluster, String action, int attempts, String error) {

    public static final String CREATED = "created";
    public static final String ALREADY_PRESENT = "already_present";
    public static final String DELETED = "deleted";
    public static final String ALREADY_ABSENT = "already_absent";
    public static final String MIGRATION_COMPLETE = "migration_complete";
    public static final String FAILED = "failed";

    public boolean failed() {
        return error != null;
    }
}
