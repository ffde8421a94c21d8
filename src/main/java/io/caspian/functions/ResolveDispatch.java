package io.caspian.functions;

import io.caspian.config.CaspianConfig;
import io.caspian.dispatch.ImageAllowlist;
import io.caspian.events.Cluster;
import io.caspian.events.DispatchContext;
import io.caspian.events.PolicyDocument;
import io.caspian.policy.PolicyBook;
import io.caspian.policy.PolicyKeys;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.json.PlacementJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Picks the placements the Kubernetes dispatcher must act on (a first dispatch, a move, a
 * cancellation; a workload kept where it runs needs no API call) and attaches the kubeconfig
 * contexts of the clusters involved, which it learns from the cluster records (broadcast state).
 * A placement naming a cluster whose context is unknown is dead-lettered, never sent to a guess.
 * Policy documents arrive the same way, so that each request carries the image allowlist of the policy
 * version its placement was made under.
 */
public class ResolveDispatch extends BroadcastProcessFunction<Placement, DispatchContext, DispatchRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveDispatch.class);

    /** Cluster name to kubeconfig context. */
    public static final MapStateDescriptor<String, String> CONTEXTS =
            new MapStateDescriptor<>("kubeconfig-contexts", Types.STRING, Types.STRING);
    /** Policy documents by version, the first of each version kept (as the rounds take it). */
    public static final MapStateDescriptor<Long, PolicyDocument> POLICIES =
            new MapStateDescriptor<>("dispatch-policies", Types.LONG, TypeInformation.of(PolicyDocument.class));
    public static final String SOURCE = "kubernetes-dispatch";
    /** The outcomes of placements that never reach the dispatcher (no context known): failed, for the rounds. */
    public static final OutputTag<WorkloadEvent> NOT_DISPATCHED = new OutputTag<>("not-dispatched") {};

    private final CaspianConfig config;
    private transient Counter deadLetters;

    /** @param config the configuration file's settings: version 0 of the policy, and the scheduling domains */
    public ResolveDispatch(CaspianConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter(io.caspian.metrics.DeadLetterCounters.TOTAL);
    }

    /** A first dispatch or a move (gate open on a cluster it did not run on), or a cancellation. */
    public static boolean actionable(Placement p) {
        if (p.targetCluster() == null) {
            return false;
        }
        if (p.phase() == WorkloadPhase.CANCELLED) {
            return true;
        }
        return p.phase() == WorkloadPhase.RUNNING && p.gateOpen() && !p.targetCluster().equals(p.previousCluster());
    }

    @Override
    public void processElement(Placement placement, ReadOnlyContext ctx, Collector<DispatchRequest> out) throws Exception {
        if (!actionable(placement)) {
            return;
        }
        ReadOnlyBroadcastState<String, String> contexts = ctx.getBroadcastState(CONTEXTS);
        String targetContext = contexts.get(placement.targetCluster());
        if (targetContext == null) {
            unknownContext(ctx, placement, placement.targetCluster());
            return;
        }
        String source = placement.phase() == WorkloadPhase.RUNNING ? placement.previousCluster() : null;
        String sourceContext = source == null ? null : contexts.get(source);
        if (source != null && sourceContext == null) {
            unknownContext(ctx, placement, source);
            return;
        }
        out.collect(new DispatchRequest(placement, targetContext, source, sourceContext,
                allowlist(placement, ctx.getBroadcastState(POLICIES).immutableEntries())));
    }

    /**
     * The image allowlist of the placement's policy version for its workload (null: the configuration's,
     * version 0). The book is rebuilt from the documents up to that version; when they do not explain the
     * version (a document not seen here yet), the configuration's list applies and a warning says so.
     */
    ImageAllowlist allowlist(Placement placement, Iterable<Map.Entry<Long, PolicyDocument>> documents) {
        if (placement.policyVersion() == 0 || placement.spec() == null) {
            return null;
        }
        TreeMap<Long, PolicyDocument> upTo = new TreeMap<>();
        for (Map.Entry<Long, PolicyDocument> entry : documents) {
            if (entry.getKey() <= placement.policyVersion()) {
                upTo.put(entry.getKey(), entry.getValue());
            }
        }
        PolicyBook book = new PolicyBook();
        upTo.values().forEach(document -> book.take(document, config, placement.roundMillis()));
        String domain = config.scheduler().domains().of(placement.targetCluster());
        if (book.versionFor(domain, placement.spec()) != placement.policyVersion()) {
            LOG.warn("policy version {} of placement {} is not known to the dispatcher yet; the configuration's image allowlist"
                    + " applies", placement.policyVersion(), placement.jobId());
            return null;
        }
        return PolicyKeys.apply(config, book.settingsFor(domain, placement.spec())).kubernetes().imageAllowlist();
    }

    private void unknownContext(ReadOnlyContext ctx, Placement placement, String cluster) {
        deadLetters.inc();
        String detail = "no registration with a kubeconfig_context has been seen for cluster " + cluster
                + ", so workload " + placement.jobId() + " was not dispatched there";
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.generated(SOURCE, placement.roundMillis(), PlacementJson.write(placement),
                DeadLetter.DISPATCH, "unknown_kubeconfig_context", detail));
        if (placement.phase() == WorkloadPhase.RUNNING) {
            String source = placement.previousCluster() != null && !placement.previousCluster().equals(placement.targetCluster())
                    ? placement.previousCluster() : null;
            ctx.output(NOT_DISPATCHED, KubernetesDispatcher.failedOutcome(placement, source, "unknown_kubeconfig_context", detail));
        }
    }

    @Override
    public void processBroadcastElement(DispatchContext context, Context ctx, Collector<DispatchRequest> out) throws Exception {
        if (context.policy() != null) {
            if (!ctx.getBroadcastState(POLICIES).contains(context.policy().version())) {
                ctx.getBroadcastState(POLICIES).put(context.policy().version(), context.policy());
            }
            return;
        }
        Cluster cluster = context.cluster();
        if (cluster.kubeconfigContext() != null && !cluster.kubeconfigContext().isBlank()) {
            ctx.getBroadcastState(CONTEXTS).put(cluster.name(), cluster.kubeconfigContext());
        }
    }
}
