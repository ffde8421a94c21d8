package io.caspian.functions;

import io.caspian.dispatch.ClusterClients;
import io.caspian.dispatch.JobStatusReader;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.DispatchFeedback;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by cluster: polls the status of CASPIAN's Jobs in the cluster on a processing-time timer and
 * reports each change as a workload lifecycle record (RUNNING, COMPLETED, FAILED) for the placement
 * rounds, stamped with the time it was seen. Only changes are reported, so a completion is reported
 * once. A failed poll is logged and counted and tried again at the next interval. The cluster's
 * state and timer are dropped when it is deleted.
 */
public class ClusterJobStatus extends KeyedProcessFunction<String, Cluster, WorkloadEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobStatus.class);

    static final String CONTEXT_STATE = "kubeconfig-context";
    static final String REPORTED_STATE = "reported-job-status";
    static final String TIMER_STATE = "status-poll-timer";

    private final ClusterClients clients;
    private final String namespace;
    private final long intervalMillis;

    private transient ValueState<String> context;
    private transient MapState<String, WorkloadAction> reported;
    private transient ValueState<Long> timer;
    private transient Map<String, KubernetesClient> connected;
    private transient Counter pollFailures;

    public ClusterJobStatus(ClusterClients clients, String namespace, long intervalMillis) {
        this.clients = clients;
        this.namespace = namespace;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        context = getRuntimeContext().getState(new ValueStateDescriptor<>(CONTEXT_STATE, Types.STRING));
        reported = getRuntimeContext().getMapState(new MapStateDescriptor<>(REPORTED_STATE, Types.STRING,
                TypeInformation.of(WorkloadAction.class)));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER_STATE, Types.LONG));
        connected = new HashMap<>();
        pollFailures = getRuntimeContext().getMetricGroup().counter("kubernetesStatusPollFailures");
    }

    @Override
    public void processElement(Cluster cluster, Context ctx, Collector<WorkloadEvent> out) throws Exception {
        if (cluster.status() == ClusterStatus.DELETED || cluster.kubeconfigContext() == null) {
            Long pending = timer.value();
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
            }
            context.clear();
            reported.clear();
            timer.clear();
            return;
        }
        context.update(cluster.kubeconfigContext());
        if (timer.value() == null) {
            schedule(ctx.timerService().currentProcessingTime(), ctx);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WorkloadEvent> out) throws Exception {
        String kubeContext = context.value();
        if (kubeContext == null) {
            timer.clear();
            return;
        }
        try {
            Map<String, JobStatusReader.Observed> now = JobStatusReader.observe(
                    connected.computeIfAbsent(kubeContext, clients::connect), namespace);
            for (Map.Entry<String, JobStatusReader.Observed> job : now.entrySet()) {
                WorkloadAction action = job.getValue().action();
                if (action != reported.get(job.getKey())) {
                    reported.put(job.getKey(), action);
                    out.collect(WorkloadEvent.feedback(job.getKey(), action, timestamp, ctx.getCurrentKey(),
                            DispatchFeedback.started(job.getValue().startedMillis())));
                }
            }
            // Jobs gone from the cluster (deleted, or cleaned up after their TTL) need no memory
            List<String> gone = new ArrayList<>();
            for (String jobId : reported.keys()) {
                if (!now.containsKey(jobId)) {
                    gone.add(jobId);
                }
            }
            for (String jobId : gone) {
                reported.remove(jobId);
            }
        } catch (RuntimeException e) {
            pollFailures.inc();
            LOG.warn("polling Job status of cluster {} failed; trying again in {} ms: {}", ctx.getCurrentKey(), intervalMillis,
                    e.toString());
        }
        schedule(timestamp, ctx);
    }

    private void schedule(long now, Context ctx) throws Exception {
        long next = now + intervalMillis;
        ctx.timerService().registerProcessingTimeTimer(next);
        timer.update(next);
    }

    @Override
    public void close() {
        if (connected != null) {
            connected.values().forEach(KubernetesClient::close);
        }
    }
}
