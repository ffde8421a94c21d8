package io.caspian.dispatch;

import io.caspian.events.WorkloadAction;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** Reads the lifecycle of CASPIAN's Jobs in one cluster from their status. */
public final class JobStatusReader {

    private JobStatusReader() {}

    /**
     * job_id to what the status of its newest submission's Job says. A job_id submitted again can
     * have the previous submission's finished Job beside the new one (until the old one's TTL): only
     * the newest counts, so an old completion is never read as the new run's. Left out: job_ids whose
     * newest Job has not started its pods.
     */
    public static Map<String, WorkloadAction> read(KubernetesClient client, String namespace) {
        Map<String, WorkloadAction> states = new TreeMap<>();
        observe(client, namespace).forEach((jobId, observed) -> states.put(jobId, observed.action()));
        return states;
    }

    /** What one Job's status says: its lifecycle, and when it started ({@code status.startTime}; null when not set). */
    public record Observed(WorkloadAction action, Long startedMillis) {}

    /** As {@link #read}, with each Job's start. */
    public static Map<String, Observed> observe(KubernetesClient client, String namespace) {
        Map<String, Job> newest = new TreeMap<>();
        for (Job job : client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(WorkloadJobs.SCHEDULED_BY_LABEL, WorkloadJobs.SCHEDULED_BY).list().getItems()) {
            newest.merge(jobId(job), job, (a, b) -> submittedAt(b).isAfter(submittedAt(a)) ? b : a);
        }
        Map<String, Observed> states = new TreeMap<>();
        newest.forEach((jobId, job) -> {
            WorkloadAction action = lifecycle(job.getStatus());
            if (action != null) {
                states.put(jobId, new Observed(action, startedAt(job)));
            }
        });
        return states;
    }

    static Long startedAt(Job job) {
        String at = job.getStatus() == null ? null : job.getStatus().getStartTime();
        try {
            return at == null ? null : Instant.parse(at).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The job_id as given (annotation), else the label, else (a Job of an older version) the name. */
    static String jobId(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(WorkloadJobs.JOB_ID_ANNOTATION);
        if (id == null && job.getMetadata().getLabels() != null) {
            id = job.getMetadata().getLabels().get(WorkloadJobs.JOB_ID_LABEL);
        }
        return id != null ? id : job.getMetadata().getName();
    }

    /** Epoch when unknown or unreadable, so that any Job with a submission time wins over it. */
    static Instant submittedAt(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String at = annotations == null ? null : annotations.get(WorkloadJobs.SUBMITTED_AT_ANNOTATION);
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The Job controller's Complete / Failed conditions are final; active pods mean it runs. */
    static WorkloadAction lifecycle(JobStatus status) {
        if (status == null) {
            return null;
        }
        if (status.getConditions() != null) {
            for (JobCondition condition : status.getConditions()) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return WorkloadAction.COMPLETED;
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return WorkloadAction.FAILED;
                }
            }
        }
        return status.getActive() != null && status.getActive() > 0 ? WorkloadAction.RUNNING : null;
    }
}
