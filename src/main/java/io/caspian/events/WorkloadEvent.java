package io.caspian.events;

/**
 * One lifecycle record of a workload.
 *
 * @param spec present for {@link WorkloadAction#SUBMITTED}, null otherwise
 * @param cluster the reporting cluster for RUNNING / COMPLETED / FAILED reports; may be null
 */
public record WorkloadEvent(String jobId, WorkloadAction action, long timestampMillis, WorkloadSpec spec, String cluster) {}
