package io.caspian.events;

/**
 * What a dispatch outcome or a cluster's Job status report adds to a workload lifecycle record; present
 * only on the job's own feedback, never on a record from the workloads topic.
 *
 * @param roundMillis the round of the placement the outcome is about: which dispatch of the workload
 *     it answers, so that a repeated or outdated outcome changes nothing; null on a running report
 * @param sourceCluster the cluster a move leaves; null for a first dispatch and on a running report
 * @param reason a failed outcome's machine-readable reason (as on its dead letter); null otherwise
 * @param detail a failed outcome's explanation; null otherwise
 * @param jobStartMillis on a status report: when the Job started running its pod, as its cluster reports it (the
 *     Job's {@code status.startTime}); null when not known
 */
public record DispatchFeedback(Long roundMillis, String sourceCluster, String reason, String detail, Long jobStartMillis) {

    public static DispatchFeedback dispatched(long roundMillis, String sourceCluster) {
        return new DispatchFeedback(roundMillis, sourceCluster, null, null, null);
    }

    public static DispatchFeedback failed(long roundMillis, String sourceCluster, String reason, String detail) {
        return new DispatchFeedback(roundMillis, sourceCluster, reason, detail, null);
    }

    public static DispatchFeedback started(Long jobStartMillis) {
        return new DispatchFeedback(null, null, null, null, jobStartMillis);
    }
}
