package io.caspian.functions;

import io.caspian.dispatch.ClusterClients;
import io.caspian.dispatch.DispatchOutcome;
import io.caspian.dispatch.ImageAllowlist;
import io.caspian.dispatch.JobDispatcher;
import io.caspian.dispatch.Retry;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchRequest;
import io.caspian.events.json.PlacementJson;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * the task; only when the async queue is full (its capacity) does it back-pressure the placements.
 * One request at a time keeps a workload's first dispatch and its later move in order. Emits nothing
 * for a request carried out, and a dead letter for one that failed for good.
 */
public class KubernetesDispatcher extends RichAsyncFunction<DispatchRequest, DeadLetter> {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDispatcher.class);

    /** Create (read + create), confirm, delete: the most API steps one request takes. */
    static final int MAX_STEPS = 4;

    private final ClusterClients clients;
    private final String namespace;
    private final Retry retry;
    private final ImageAllowlist allowlist;

    private transient ExecutorService executor;
    private transient Map<String, KubernetesClient> connected;
    private transient JobDispatcher dispatcher;
    private transient Counter created;
    private transient Counter deleted;
    private transient Counter migrationsCompleted;
    private transient Counter failures;

    public KubernetesDispatcher(ClusterClients clients, String namespace, Retry retry, ImageAllowlist allowlist) {
        this.clients = clients;
        this.namespace = namespace;
        this.retry = retry;
        this.allowlist = allowlist;
    }

    /** An async timeout longer than the slowest request that is still retrying. */
    public static Duration timeout(int attempts, Duration initialBackoff, Duration requestTimeout) {
        Duration backoffs = initialBackoff.multipliedBy((1L << Math.min(attempts, 20)));
        return requestTimeout.multipliedBy(2L * attempts).plus(backoffs).multipliedBy(MAX_STEPS);
    }

    @Override
    public void open(OpenContext openContext) {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "kubernetes-dispatcher"));
        connected = new ConcurrentHashMap<>();
        dispatcher = new JobDispatcher(context -> connected.computeIfAbsent(context, clients::connect), namespace, retry,
                allowlist);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        created = metrics.counter("kubernetesJobsCreated");
        deleted = metrics.counter("kubernetesJobsDeleted");
        migrationsCompleted = metrics.counter("kubernetesMigrationsCompleted");
        failures = metrics.counter(io.caspian.metrics.DeadLetterCounters.TOTAL);
    }

    @Override
    public void asyncInvoke(DispatchRequest request, ResultFuture<DeadLetter> result) {
        executor.execute(() -> {
            try {
                result.complete(report(request, dispatcher.dispatch(request)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.complete(List.of());
            } catch (RuntimeException e) {
                // a client bug must not fail the job: the request is reported like an API failure
                failures.inc();
                result.complete(List.of(deadLetter(request, "kubernetes_dispatch_error", e.toString())));
            }
        });
    }

    private Collection<DeadLetter> report(DispatchRequest request, List<DispatchOutcome> outcomes) {
        List<DeadLetter> failed = new ArrayList<>();
        for (DispatchOutcome outcome : outcomes) {
            switch (outcome.action()) {
                case DispatchOutcome.CREATED -> created.inc();
                case DispatchOutcome.DELETED -> deleted.inc();
                case DispatchOutcome.MIGRATION_COMPLETE -> migrationsCompleted.inc();
                default -> { }
            }
            if (outcome.failed()) {
                failures.inc();
                LOG.warn("DISPATCH {} on {} failed: {}", outcome.jobId(), outcome.cluster(), outcome.error());
                failed.add(deadLetter(request, outcome.reason(), outcome.error()));
            } else {
                LOG.info("DISPATCH {} {} on {} ({} attempt(s))", outcome.jobId(), outcome.action(), outcome.cluster(),
                        outcome.attempts());
            }
        }
        return failed;
    }

    @Override
    public void timeout(DispatchRequest request, ResultFuture<DeadLetter> result) {
        failures.inc();
        result.complete(List.of(deadLetter(request, "kubernetes_timeout",
                "dispatch of " + request.jobId() + " to " + request.placement().targetCluster() + " did not finish in time")));
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
