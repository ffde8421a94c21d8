package io.caspian.dispatch;

import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Carries out dispatch requests against the clusters, idempotently so that a replay after a restart
 * changes nothing: a Job is created only if absent and deleted only if present. The Job's name is
 * derived from the workload's job_id and its submission ({@link WorkloadJobs#name}), so every request
 * about one submission meets the same Job, and a job_id submitted again meets none of the old ones. A migration creates
 * the Job on the target, checks that the target has it, and only then deletes it on the source, so a
 * failure half-way leaves the workload running where it was rather than nowhere.
 */
public final class JobDispatcher {

    private final Function<String, KubernetesClient> clientForContext;
    private final String namespace;
    private final Retry retry;
    private final ImageAllowlist allowlist;

    public JobDispatcher(Function<String, KubernetesClient> clientForContext, String namespace, Retry retry,
            ImageAllowlist allowlist) {
        this.clientForContext = clientForContext;
        this.namespace = namespace;
        this.retry = retry;
        this.allowlist = allowlist;
    }

    /** One outcome per step taken; a failed step ends the request. */
    public List<DispatchOutcome> dispatch(DispatchRequest request) throws InterruptedException {
        Placement placement = request.placement();
        List<DispatchOutcome> outcomes = new ArrayList<>();
        if (request.cancellation()) {
            outcomes.add(deleteIfPresent(placement.jobId(), WorkloadJobs.name(placement), placement.targetCluster(),
                    request.targetContext()));
            return outcomes;
        }
        Job job;
        try {
            job = WorkloadJobs.build(placement, namespace, request.allowlist() != null ? request.allowlist() : allowlist);
        } catch (WorkloadJobs.Refused e) {
            // refused before any API call: nothing is created, and on a move the source's Job is kept
            outcomes.add(DispatchOutcome.failed(placement.jobId(), placement.targetCluster(), 0, e.reason(), e.getMessage()));
            return outcomes;
        }
        String name = job.getMetadata().getName();
        DispatchOutcome created = createIfAbsent(placement.jobId(), job, placement.targetCluster(), request.targetContext());
        outcomes.add(created);
        if (created.failed() || !request.migration()) {
            return outcomes;
        }
        DispatchOutcome confirmed = confirmPresent(placement.jobId(), name, placement.targetCluster(),
                request.targetContext());
        if (confirmed != null) {
            outcomes.add(confirmed);
            return outcomes;
        }
        DispatchOutcome deleted = deleteIfPresent(placement.jobId(), name, request.sourceCluster(), request.sourceContext());
        outcomes.add(deleted);
        if (!deleted.failed()) {
            outcomes.add(DispatchOutcome.done(placement.jobId(), placement.targetCluster(), DispatchOutcome.MIGRATION_COMPLETE, 0));
        }
        return outcomes;
    }

    private DispatchOutcome createIfAbsent(String jobId, Job job, String cluster, String context) throws InterruptedException {
        String name = job.getMetadata().getName();
        try {
            Retry.Result<String> result = retry.call("create Job " + name + " of " + jobId + " on " + cluster, () -> {
                ScalableResource<Job> resource = jobs(context, name);
                if (resource.get() != null) {
                    return DispatchOutcome.ALREADY_PRESENT;
                }
                try {
                    clientForContext.apply(context).batch().v1().jobs().inNamespace(namespace).resource(job).create();
                    return DispatchOutcome.CREATED;
                } catch (KubernetesClientException e) {
                    // created by an earlier attempt whose answer was lost
                    if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                        return DispatchOutcome.ALREADY_PRESENT;
                    }
                    throw e;
                }
            });
            return DispatchOutcome.done(jobId, cluster, result.value(), result.attempts());
        } catch (Retry.Failure f) {
            return DispatchOutcome.failed(jobId, cluster, f.attempts(), DispatchOutcome.API_ERROR, f.getMessage());
        }
    }

    /** @return null when the target has the Job, else the failed outcome */
    private DispatchOutcome confirmPresent(String jobId, String name, String cluster, String context) throws InterruptedException {
        try {
            Retry.Result<Boolean> present = retry.call("read Job " + name + " of " + jobId + " on " + cluster, () -> jobs(context, name).get() != null);
            if (present.value()) {
                return null;
            }
            return DispatchOutcome.failed(jobId, cluster, present.attempts(), DispatchOutcome.API_ERROR,
                    "Job " + name + " is not on " + cluster + " after its creation; the source's Job is kept");
        } catch (Retry.Failure f) {
            return DispatchOutcome.failed(jobId, cluster, f.attempts(), DispatchOutcome.API_ERROR, f.getMessage());
        }
    }

    private DispatchOutcome deleteIfPresent(String jobId, String name, String cluster, String context) throws InterruptedException {
        try {
            Retry.Result<String> result = retry.call("delete Job " + name + " of " + jobId + " on " + cluster, () -> {
                List<StatusDetails> deleted = jobs(context, name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                return deleted.isEmpty() ? DispatchOutcome.ALREADY_ABSENT : DispatchOutcome.DELETED;
            });
            return DispatchOutcome.done(jobId, cluster, result.value(), result.attempts());
        } catch (Retry.Failure f) {
            return DispatchOutcome.failed(jobId, cluster, f.attempts(), DispatchOutcome.API_ERROR, f.getMessage());
        }
    }

    private ScalableResource<Job> jobs(String context, String name) {
        return clientForContext.apply(context).batch().v1().jobs().inNamespace(namespace).withName(name);
    }
}
