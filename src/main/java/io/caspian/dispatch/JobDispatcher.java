package io.caspian.dispatch;

import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.caspian.events.WorkloadAction;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Carries out dispatch requests against the clusters, idempotently so that a replay after a restart
 * changes nothing: a Job is created only if absent and deleted only if present. The Job's name is
 * derived from the workload's job_id and its submission ({@link WorkloadJobs#name}), so every request
 * about one submission meets the same Job, and a job_id submitted again meets none of the old ones. A migration is
 * two-phase: it creates the Job on the target, waits until the target's Job runs, and only then deletes
 * it on the source, so a failure half-way leaves the workload running where it was rather than nowhere;
 * a target that does not run within the start timeout is deleted again and the move fails. A completed
 * move carries its times as measured on this clock ({@link DispatchOutcome.MoveTimes}).
 */
public final class JobDispatcher {

    /** How often a move reads its target's Job while it waits for it to run. */
    public static final Duration START_POLL = Duration.ofMillis(250);

    private final Function<String, KubernetesClient> clientForContext;
    private final String namespace;
    private final Retry retry;
    private final ImageAllowlist allowlist;
    private final Duration startTimeout;
    private final LongSupplier clock;
    private final ApiBreaker breaker;

    public JobDispatcher(Function<String, KubernetesClient> clientForContext, String namespace, Retry retry,
            ImageAllowlist allowlist) {
        this(clientForContext, namespace, retry, allowlist, Duration.ofMinutes(5), System::currentTimeMillis);
    }

    /**
     * @param startTimeout how long a move waits for its target's Job to run
     * @param clock the wall clock the moves are measured on
     */
    public JobDispatcher(Function<String, KubernetesClient> clientForContext, String namespace, Retry retry,
            ImageAllowlist allowlist, Duration startTimeout, LongSupplier clock) {
        this.clientForContext = clientForContext;
        this.namespace = namespace;
        this.retry = retry;
        this.allowlist = allowlist;
        this.startTimeout = startTimeout;
        this.clock = clock;
        this.breaker = new ApiBreaker(clock);
    }

    /** One outcome per step taken; a failed step ends the request. */
    public List<DispatchOutcome> dispatch(DispatchRequest request) throws InterruptedException {
        long requested = clock.getAsLong();
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
        Long targetRunning = awaitRunning(name, placement.targetCluster(), request.targetContext());
        if (targetRunning == null) {
            outcomes.add(DispatchOutcome.failed(placement.jobId(), placement.targetCluster(), 0, DispatchOutcome.TARGET_NOT_RUNNING,
                    "Job " + name + " did not run on " + placement.targetCluster() + " within " + startTimeout
                            + "; it is deleted there and the source's Job on " + request.sourceCluster() + " is kept"));
            outcomes.add(deleteIfPresent(placement.jobId(), name, placement.targetCluster(), request.targetContext()));
            return outcomes;
        }
        if (sourceCompleted(name, request.sourceContext())) {
            outcomes.add(DispatchOutcome.failed(placement.jobId(), placement.targetCluster(), 0, DispatchOutcome.SOURCE_FINISHED,
                    "Job " + name + " completed on " + request.sourceCluster() + " before the move to " + placement.targetCluster()
                            + " ran; the target's Job is deleted so the work is not done twice"));
            outcomes.add(deleteIfPresent(placement.jobId(), name, placement.targetCluster(), request.targetContext()));
            return outcomes;
        }
        DispatchOutcome deleted = deleteIfPresent(placement.jobId(), name, request.sourceCluster(), request.sourceContext());
        outcomes.add(deleted);
        if (!deleted.failed()) {
            outcomes.add(DispatchOutcome.migrated(placement.jobId(), placement.targetCluster(),
                    new DispatchOutcome.MoveTimes(requested, targetRunning, clock.getAsLong())));
        }
        return outcomes;
    }

    /** Whether the source's Job has completed (a read that fails counts as not: the move goes on). */
    private boolean sourceCompleted(String name, String context) {
        try {
            Job job = jobs(context, name).get();
            return job != null && JobStatusReader.lifecycle(job.getStatus()) == WorkloadAction.COMPLETED;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /**
     * Reads the target's Job until it has a pod running (or has already completed), for at most the start
     * timeout; a read that fails is tried again at the next poll.
     *
     * @return when it was first seen running, or null when it did not run in time, failed, or is gone
     */
    private Long awaitRunning(String name, String cluster, String context) throws InterruptedException {
        long deadline = clock.getAsLong() + startTimeout.toMillis();
        while (true) {
            try {
                Job job = jobs(context, name).get();
                if (job == null) {
                    return null;
                }
                WorkloadAction state = JobStatusReader.lifecycle(job.getStatus());
                if (state == WorkloadAction.RUNNING || state == WorkloadAction.COMPLETED) {
                    return clock.getAsLong();
                }
                if (state == WorkloadAction.FAILED) {
                    return null;
                }
            } catch (KubernetesClientException e) {
                // the API is unavailable for now: the wait goes on until its deadline
            }
            long left = deadline - clock.getAsLong();
            if (left <= 0) {
                return null;
            }
            Thread.sleep(Math.min(left, START_POLL.toMillis()));
        }
    }

    private DispatchOutcome createIfAbsent(String jobId, Job job, String cluster, String context) throws InterruptedException {
        String name = job.getMetadata().getName();
        try {
            Retry.Result<String> result = call(context, "create Job " + name + " of " + jobId + " on " + cluster, () -> {
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
            return failed(jobId, cluster, f);
        }
    }

    private DispatchOutcome deleteIfPresent(String jobId, String name, String cluster, String context) throws InterruptedException {
        try {
            Retry.Result<String> result = call(context, "delete Job " + name + " of " + jobId + " on " + cluster, () -> {
                List<StatusDetails> deleted = jobs(context, name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                return deleted.isEmpty() ? DispatchOutcome.ALREADY_ABSENT : DispatchOutcome.DELETED;
            });
            return DispatchOutcome.done(jobId, cluster, result.value(), result.attempts());
        } catch (Retry.Failure f) {
            return failed(jobId, cluster, f);
        }
    }

    private static DispatchOutcome failed(String jobId, String cluster, Retry.Failure f) {
        String reason = f.getCause() instanceof ApiBreaker.Shut ? DispatchOutcome.API_UNREACHABLE : DispatchOutcome.API_ERROR;
        return DispatchOutcome.failed(jobId, cluster, f.attempts(), reason, f.getMessage());
    }

    /**
     * One API step on a cluster, through its {@link ApiBreaker}: with all its retries while the API answers;
     * while it is down, a single attempt when a probe is due and none otherwise (failing at once).
     */
    private <T> Retry.Result<T> call(String context, String what, Callable<T> step) throws Retry.Failure, InterruptedException {
        ApiBreaker.Pass pass = breaker.pass(context);
        if (pass == ApiBreaker.Pass.SHUT) {
            throw new Retry.Failure(what, 0, breaker.shut(context));
        }
        try {
            Retry.Result<T> result = (pass == ApiBreaker.Pass.PROBE ? retry.once() : retry).call(what, step);
            breaker.answered(context);
            return result;
        } catch (Retry.Failure f) {
            if (f.unanswered()) {
                breaker.unanswered(context);
            } else {
                breaker.answered(context);
            }
            throw f;
        }
    }

    private ScalableResource<Job> jobs(String context, String name) {
        return clientForContext.apply(context).batch().v1().jobs().inNamespace(namespace).withName(name);
    }
}
