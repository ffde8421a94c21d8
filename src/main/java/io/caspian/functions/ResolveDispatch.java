package io.caspian.functions;

import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.json.PlacementJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Picks the placements the Kubernetes dispatcher must act on (a first dispatch, a move, a
 * cancellation; a workload kept where it runs needs no API call) and attaches the kubeconfig
 * contexts of the clusters involved, which it learns from the cluster records (broadcast state).
 * A placement naming a cluster whose context is unknown is dead-lettered, never sent to a guess.
 */
public class ResolveDispatch extends BroadcastProcessFunction<Placement, Cluster, DispatchRequest> {

    /** Cluster name to kubeconfig context. */
    public static final MapStateDescriptor<String, String> CONTEXTS =
            new MapStateDescriptor<>("kubeconfig-contexts", Types.STRING, Types.STRING);
    public static final String SOURCE = "kubernetes-dispatch";

    private transient Counter deadLetters;

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
        out.collect(new DispatchRequest(placement, targetContext, source, sourceContext));
    }

    private void unknownContext(ReadOnlyContext ctx, Placement placement, String cluster) {
        deadLetters.inc();
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.generated(SOURCE, placement.roundMillis(), PlacementJson.write(placement),
                DeadLetter.DISPATCH, "unknown_kubeconfig_context", "no registration with a kubeconfig_context has been seen for cluster " + cluster
                        + ", so workload " + placement.jobId() + " was not dispatched there"));
    }

    @Override
    public void processBroadcastElement(Cluster cluster, Context ctx, Collector<DispatchRequest> out) throws Exception {
        if (cluster.kubeconfigContext() != null && !cluster.kubeconfigContext().isBlank()) {
            ctx.getBroadcastState(CONTEXTS).put(cluster.name(), cluster.kubeconfigContext());
        }
    }
}
