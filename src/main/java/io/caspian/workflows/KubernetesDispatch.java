package io.caspian.workflows;

import io.caspian.config.CaspianConfig;
import io.caspian.dispatch.ClusterClients;
import io.caspian.dispatch.Retry;
import io.caspian.events.AuditEvent;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchReport;
import io.caspian.events.DispatchContext;
import io.caspian.events.PolicyDocument;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadEvent;
import io.caspian.functions.ClusterJobStatus;
import io.caspian.functions.KubernetesDispatcher;
import io.caspian.functions.OutputTags;
import io.caspian.functions.ResolveDispatch;
import io.caspian.functions.SplitDispatchReports;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Kubernetes part of the graph, present when {@code kubernetes.enabled}:
 *
 * <pre>
 * placements ─ ResolveDispatch (contexts and policy allowlists from broadcast clusters and policies) ─ KubernetesDispatcher (async)
 *     ─ SplitDispatchReports ─> outcomes (dispatched / dispatch_failed): through topics.dispatch-outcomes back into the rounds
 *                            ─> dead letters of failed steps; moves' follow-up relocation events (measured seconds) ─> audit events
 * clusters ─ keyBy cluster ─ ClusterJobStatus (polls Job status) ─> workload lifecycle, back into the placement rounds
 * </pre>
 *
 * The outcomes cannot go back into the rounds inside the graph (a DataStream job has no cycles): they
 * leave through a topic that the job reads as one of its inputs.
 */
public final class KubernetesDispatch {

    /**
     * Requests in flight per subtask; they run one at a time, the rest wait in order. A full queue would
     * hold back the placements: requests to an API that is down fail at once rather than fill it.
     */
    static final int CAPACITY = 100;

    private KubernetesDispatch() {}

    /**
     * What dispatching reports.
     *
     * @param outcomes for the placement rounds, stamped with the wall-clock time each was known
     * @param moves the follow-ups of the moves' relocation events, measured
     */
    public record Reports(DataStream<WorkloadEvent> outcomes, DataStream<DeadLetter> deadLetters, DataStream<AuditEvent> moves) {}

    /** @param policies the policy documents, null when the job reads none */
    public static Reports dispatch(CaspianConfig caspian, DataStream<Placement> placements,
            DataStream<Cluster> clusters, DataStream<PolicyDocument> policies, ClusterClients clients) {
        CaspianConfig.Kubernetes config = caspian.kubernetes();
        DataStream<DispatchContext> contexts = clusters.map(DispatchContext::of, TypeInformation.of(DispatchContext.class))
                .name("clusters to dispatch").uid("dispatch-contexts-clusters");
        if (policies != null) {
            contexts = contexts.union(policies.map(DispatchContext::of, TypeInformation.of(DispatchContext.class))
                    .name("policies to dispatch").uid("dispatch-contexts-policies"));
        }
        SingleOutputStreamOperator<DispatchRequest> requests = placements
                .connect(contexts.broadcast(ResolveDispatch.CONTEXTS, ResolveDispatch.POLICIES))
                .process(new ResolveDispatch(caspian))
                .name("resolve dispatch").uid("resolve-dispatch");
        Duration timeout = KubernetesDispatcher.timeout(config.retryAttempts(), config.retryInitialBackoff(),
                config.requestTimeout(), config.migrationStartTimeout());
        DataStream<DispatchReport> reports = AsyncDataStream.orderedWait(requests,
                        new KubernetesDispatcher(clients, config.namespace(),
                                new Retry(config.retryAttempts(), config.retryInitialBackoff(), config.requestTimeout()), config.imageAllowlist(),
                                config.migrationStartTimeout()),
                        timeout.toMillis(), TimeUnit.MILLISECONDS, CAPACITY)
                .name("kubernetes dispatcher").uid("kubernetes-dispatcher");
        SingleOutputStreamOperator<WorkloadEvent> outcomes = reports.process(new SplitDispatchReports())
                .name("dispatch reports").uid("dispatch-reports");
        return new Reports(outcomes.union(requests.getSideOutput(ResolveDispatch.NOT_DISPATCHED)),
                outcomes.getSideOutput(OutputTags.DEAD_LETTERS).union(requests.getSideOutput(OutputTags.DEAD_LETTERS)),
                outcomes.getSideOutput(OutputTags.AUDIT_EVENTS));
    }

    public static DataStream<WorkloadEvent> jobStatus(CaspianConfig.Kubernetes config, DataStream<Cluster> clusters,
            ClusterClients clients) {
        return clusters
                .keyBy(Cluster::name)
                .process(new ClusterJobStatus(clients, config.namespace(), config.statusPollInterval().toMillis()))
                .name("kubernetes job status").uid("kubernetes-job-status");
    }
}
