package io.caspian.functions;

import io.caspian.dispatch.ApiBreaker;
import io.caspian.dispatch.ClusterClients;
import io.caspian.dispatch.DispatchOutcome;
import io.caspian.dispatch.ImageAllowlist;
import io.caspian.dispatch.JobDispatcher;
import io.caspian.dispatch.Retry;
import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchFeedback;
import io.caspian.events.DispatchReport;
import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadRelocation;
import io.caspian.events.json.PlacementJson;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async I/O around {@link JobDispatcher}: the blocking fabric8 calls and their back-off run on one
 * thread per subtask, off the task thread, so a slow API server delays dispatching without blocking
 * the task; only when the async queue is full (its capacity) would it back-pressure the placements, and
 * with them the rounds and every Kafka output. An API that is down does not fill it: its requests fail at
 * once, as {@code dispatch_failed} for the rounds to retry, once a call has gone unanswered ({@link ApiBreaker}),
 * and a step's retries end within {@code kubernetes.request-timeout} of its first attempt.
 * One request at a time keeps a workload's first dispatch and its later move in order. Reports, for each
 * request: its outcome for the placement rounds ({@code dispatched} / {@code dispatch_failed}, stamped
 * with the wall-clock time it was known; none for a cancellation), a dead letter for each step that
 * failed for good, and for a move its follow-up relocation event: {@code completed} with the measured
 * migration and downtime seconds, or {@code failed}.
 */
public class KubernetesDispatcher extends RichAsyncFunction<DispatchRequest, DispatchReport> {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDispatcher.class);

    /** Create (read + create), confirm, delete: the most API steps one request takes. */
    static final int MAX_STEPS = 4;

    private final ClusterClients clients;
    private final String namespace;
    private final Retry retry;
    private final ImageAllowlist allowlist;
    private final Duration migrationStartTimeout;

    private transient ExecutorService executor;
    private transient Map<String, KubernetesClient> connected;
    private transient JobDispatcher dispatcher;
    private transient Counter created;
    private transient Counter deleted;
    private transient Counter migrationsCompleted;
    private transient Counter failures;
    private transient Counter unreachable;

    /** @param migrationStartTimeout how long a move waits for its target's Job to run */
    public KubernetesDispatcher(ClusterClients clients, String namespace, Retry retry, ImageAllowlist allowlist,
            Duration migrationStartTimeout) {
        this.clients = clients;
        this.namespace = namespace;
        this.retry = retry;
        this.allowlist = allowlist;
        this.migrationStartTimeout = migrationStartTimeout;
    }

    /** An async timeout longer than the slowest request that is still retrying, a move's wait for its target included. */
    public static Duration timeout(int attempts, Duration initialBackoff, Duration requestTimeout, Duration migrationStartTimeout) {
        Duration backoffs = initialBackoff.multipliedBy((1L << Math.min(attempts, 20)));
        return requestTimeout.multipliedBy(2L * attempts).plus(backoffs).multipliedBy(MAX_STEPS).plus(migrationStartTimeout);
    }

    @Override
    public void open(OpenContext openContext) {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "kubernetes-dispatcher"));
        connected = new ConcurrentHashMap<>();
        dispatcher = new JobDispatcher(context -> connected.computeIfAbsent(context, clients::connect), namespace, retry,
                allowlist, migrationStartTimeout, System::currentTimeMillis);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        created = metrics.counter("kubernetesJobsCreated");
        deleted = metrics.counter("kubernetesJobsDeleted");
        migrationsCompleted = metrics.counter("kubernetesMigrationsCompleted");
        failures = metrics.counter(io.caspian.metrics.DeadLetterCounters.TOTAL);
        unreachable = metrics.counter("kubernetesApiUnreachable");
    }

    @Override
    public void asyncInvoke(DispatchRequest request, ResultFuture<DispatchReport> result) {
        executor.execute(() -> {
            try {
                result.complete(report(request, dispatcher.dispatch(request)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.complete(List.of());
            } catch (RuntimeException e) {
                // a client bug must not fail the job: the request is reported like an API failure
                failures.inc();
                result.complete(failedForGood(request, "kubernetes_dispatch_error", e.toString()));
            }
        });
    }

    private Collection<DispatchReport> report(DispatchRequest request, List<DispatchOutcome> outcomes) {
        List<DispatchReport> reports = new ArrayList<>();
        DispatchOutcome firstFailure = null;
        DispatchOutcome migrated = null;
        for (DispatchOutcome outcome : outcomes) {
            switch (outcome.action()) {
                case DispatchOutcome.CREATED -> created.inc();
                case DispatchOutcome.DELETED -> deleted.inc();
                case DispatchOutcome.MIGRATION_COMPLETE -> migrationsCompleted.inc();
                default -> { }
            }
            if (outcome.failed()) {
                failures.inc();
                if (DispatchOutcome.API_UNREACHABLE.equals(outcome.reason())) {
                    unreachable.inc();
                }
                LOG.warn("DISPATCH {} on {} failed: {}", outcome.jobId(), outcome.cluster(), outcome.error());
                reports.add(DispatchReport.deadLetter(deadLetter(request, outcome.reason(), outcome.error())));
                firstFailure = firstFailure == null ? outcome : firstFailure;
            } else {
                LOG.info("DISPATCH {} {} on {} ({} attempt(s))", outcome.jobId(), outcome.action(), outcome.cluster(),
                        outcome.attempts());
            }
            if (DispatchOutcome.MIGRATION_COMPLETE.equals(outcome.action())) {
                migrated = outcome;
            }
        }
        if (request.cancellation()) {
            return reports;
        }
        // a move whose target runs but whose source could not be deleted did move: the dead letter says what is left over
        boolean onTarget = migrated != null || firstFailure == null
                || (request.migration() && request.sourceCluster().equals(firstFailure.cluster()));
        reports.add(DispatchReport.outcome(onTarget ? outcome(request, WorkloadAction.DISPATCHED, null, null)
                : outcome(request, WorkloadAction.DISPATCH_FAILED, firstFailure.reason(), firstFailure.error())));
        if (migrated != null) {
            DispatchOutcome.MoveTimes times = migrated.moveTimes();
            reports.add(DispatchReport.move(moveOutcome(request, WorkloadRelocation.COMPLETED, String.format(Locale.ROOT,
                    "moved: the target's Job ran %.3f s after the decision reached the dispatcher, then the source's Job was deleted",
                    times.migrationSeconds()), times.migrationSeconds(), times.downtimeSeconds())));
        } else if (request.migration() && !onTarget) {
            reports.add(DispatchReport.move(moveOutcome(request, WorkloadRelocation.FAILED, "move failed, the workload stays on "
                    + request.sourceCluster() + ": " + firstFailure.reason() + ": " + firstFailure.error(), null, null)));
        }
        return reports;
    }

    /** A dispatch outcome for the rounds, about the placement's round, stamped when it became known. */
    private static WorkloadEvent outcome(DispatchRequest request, WorkloadAction action, String reason, String detail) {
        long round = request.placement().roundMillis();
        if (action == WorkloadAction.DISPATCH_FAILED) {
            return failedOutcome(request.placement(), request.sourceCluster(), reason, detail);
        }
        return WorkloadEvent.feedback(request.jobId(), action, System.currentTimeMillis(), request.placement().targetCluster(),
                DispatchFeedback.dispatched(round, request.sourceCluster()));
    }

    /** The outcome of a placement that could not be dispatched, stamped now; {@code source} is the cluster a move leaves. */
    public static WorkloadEvent failedOutcome(Placement placement, String source, String reason, String detail) {
        return WorkloadEvent.feedback(placement.jobId(), WorkloadAction.DISPATCH_FAILED, System.currentTimeMillis(),
                placement.targetCluster(), DispatchFeedback.failed(placement.roundMillis(), source, reason, detail));
    }

    /** The follow-up of the move's relocation event: the same event_id, its outcome and measured seconds. */
    private static AuditEvent moveOutcome(DispatchRequest request, String status, String why, Double migrationSeconds,
            Double downtimeSeconds) {
        AuditEvent decided = MigrationDetector.decided(request.placement(), request.sourceCluster());
        return new AuditEvent(decided.eventId(), decided.eventType(), decided.timestampMillis(), decided.workloadId(),
                decided.cluster(), decided.origin(), null,
                decided.relocation().outcome(status, why, migrationSeconds, downtimeSeconds), null, null, null, null);
    }

    /** A request that failed as a whole: its dead letter, and (unless it cancelled) a failed outcome. */
    private static List<DispatchReport> failedForGood(DispatchRequest request, String reason, String detail) {
        List<DispatchReport> reports = new ArrayList<>();
        reports.add(DispatchReport.deadLetter(deadLetter(request, reason, detail)));
        if (!request.cancellation()) {
            reports.add(DispatchReport.outcome(outcome(request, WorkloadAction.DISPATCH_FAILED, reason, detail)));
            if (request.migration()) {
                reports.add(DispatchReport.move(moveOutcome(request, WorkloadRelocation.FAILED, "move failed, the workload stays on "
                        + request.sourceCluster() + ": " + reason + ": " + detail, null, null)));
            }
        }
        return reports;
    }

    @Override
    public void timeout(DispatchRequest request, ResultFuture<DispatchReport> result) {
        failures.inc();
        result.complete(failedForGood(request, "kubernetes_timeout",
                "dispatch of " + request.jobId() + " to " + request.placement().targetCluster() + " did not finish in time"));
    }

    private static DeadLetter deadLetter(DispatchRequest request, String reason, String detail) {
        return DeadLetter.generated(ResolveDispatch.SOURCE, request.placement().roundMillis(),
                PlacementJson.write(request.placement()), DeadLetter.DISPATCH, reason, detail);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (connected != null) {
            connected.values().forEach(KubernetesClient::close);
        }
    }
}
