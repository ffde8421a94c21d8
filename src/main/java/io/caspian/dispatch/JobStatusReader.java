package io.caspian.dispatch;

import io.caspian.events.WorkloadAction;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;

/** Reads the lifecycle of CASPIAN's Jobs in one cluster from their status. */
public final class JobStatusReader {

    private JobStatusReader() {}

    /** Job name (= job_id) to what its status says; Jobs whose pods have not started are left out. */
    public static Map<String, WorkloadAction> read(KubernetesClient client, String namespace) {
        Map<String, WorkloadAction> states = new TreeMap<>();
        for (Job job : client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(WorkloadJobs.SCHEDULED_BY_LABEL, WorkloadJobs.SCHEDULED_BY).list().getItems()) {
            WorkloadAction action = lifecycle(job.getStatus());
            if (action != null) {
                states.put(job.getMetadata().getName(), action);
            }
        }
        return states;
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
