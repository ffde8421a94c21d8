package io.caspian.events;

/**
 * What the placement rounds consume: one of a carbon reading, a workload lifecycle record, a cluster
 * update or a policy document. A union type so that the four streams reach one keyed operator in
 * event-time order.
 *
 * @param domain the scheduling domain whose rounds take it (the rounds' key)
 */
public record SchedulerInput(long timestampMillis, CarbonReading carbon, WorkloadEvent workload, Cluster cluster,
        PolicyDocument policy, String domain) {

    /** The domain of every cluster no {@code scheduler.domains} entry lists. */
    public static final String DEFAULT_DOMAIN = "default";

    public static SchedulerInput of(CarbonReading reading) {
        return new SchedulerInput(reading.timestampMillis(), reading, null, null, null, DEFAULT_DOMAIN);
    }

    public static SchedulerInput of(WorkloadEvent event) {
        return new SchedulerInput(event.timestampMillis(), null, event, null, null, DEFAULT_DOMAIN);
    }

    public static SchedulerInput of(Cluster cluster) {
        return new SchedulerInput(cluster.timestampMillis(), null, null, cluster, null, DEFAULT_DOMAIN);
    }

    public static SchedulerInput of(PolicyDocument policy) {
        return new SchedulerInput(policy.timestampMillis(), null, null, null, policy, DEFAULT_DOMAIN);
    }

    public SchedulerInput inDomain(String other) {
        return new SchedulerInput(timestampMillis, carbon, workload, cluster, policy, other);
    }

    /** The input record it came from, null for one the job made itself. */
    public Origin origin() {
        return carbon != null ? carbon.origin() : workload != null ? workload.origin() : cluster != null ? cluster.origin()
                : policy.origin();
    }

    /** What the record is about, for logs and dead letters. */
    public String describe() {
        if (carbon != null) {
            return "carbon reading of zone " + carbon.zone();
        }
        if (workload != null) {
            return "workload " + workload.jobId() + " " + workload.action();
        }
        if (policy != null) {
            return "policy version " + policy.version() + " (" + policy.scope() + ")";
        }
        return "cluster " + cluster.name();
    }
}
