package io.caspian.events;

/**
 * What the placement rounds consume: one of a carbon reading, a workload lifecycle record or a
 * cluster update. A union type so that the three streams reach one keyed operator in event-time
 * order.
 */
public record SchedulerInput(long timestampMillis, CarbonReading carbon, WorkloadEvent workload, Cluster cluster) {

    public static SchedulerInput of(CarbonReading reading) {
        return new SchedulerInput(reading.timestampMillis(), reading, null, null);
    }

    public static SchedulerInput of(WorkloadEvent event) {
        return new SchedulerInput(event.timestampMillis(), null, event, null);
    }

    public static SchedulerInput of(Cluster cluster) {
        return new SchedulerInput(cluster.timestampMillis(), null, null, cluster);
    }

    /** The input record it came from, null for one the job made itself. */
    public Origin origin() {
        return carbon != null ? carbon.origin() : workload != null ? workload.origin() : cluster.origin();
    }

    /** What the record is about, for logs and dead letters. */
    public String describe() {
        if (carbon != null) {
            return "carbon reading of zone " + carbon.zone();
        }
        if (workload != null) {
            return "workload " + workload.jobId() + " " + workload.action();
        }
        return "cluster " + cluster.name();
    }
}
