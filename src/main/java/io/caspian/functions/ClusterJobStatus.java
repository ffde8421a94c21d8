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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * rounds, stamped with the time the poll started. Only changes are reported, so a completion is reported
 * once. The list call runs on a thread of its own, never on the task thread: a cluster whose API does not
 * answer would otherwise hold the task for {@code kubernetes.request-timeout} at each poll, and with it the
 * checkpoint barriers, and so every transactional Kafka output of the job, which commits only at a
 * checkpoint. A timer looks for the answer every {@link #ANSWER_CHECK_MILLIS}; a cluster has one poll in
 * flight at most. A failed poll is logged and counted and tried again at the next interval. The
 * cluster's state and timer are dropped when it is deleted.
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
    private transient Map<String, Poll> inFlight;
    private transient ExecutorService polls;
    private transient Counter pollFailures;

    /** How often a poll in flight is looked at: its answer reaches the rounds at most this much later. */
    public static final long ANSWER_CHECK_MILLIS = 100;

    /** A list call under way, and the processing time it started at. */
    private record Poll(long startedMillis, Future<Map<String, JobStatusReader.Observed>> answer) {}

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
        connected = new ConcurrentHashMap<>();
        inFlight = new HashMap<>();
        polls = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kubernetes-job-status");
            thread.setDaemon(true);
            return thread;
        });
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
            Poll poll = inFlight.remove(ctx.getCurrentKey());
            if (poll != null) {
                poll.answer().cancel(true);
            }
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
        String cluster = ctx.getCurrentKey();
        Poll poll = inFlight.get(cluster);
        if (poll == null) {
            inFlight.put(cluster, new Poll(timestamp, polls.submit(
                    () -> JobStatusReader.observe(connected.computeIfAbsent(kubeContext, clients::connect), namespace))));
            at(timestamp + ANSWER_CHECK_MILLIS, ctx);
            return;
        }
        if (!poll.answer().isDone()) {
            at(timestamp + ANSWER_CHECK_MILLIS, ctx);
            return;
        }
        inFlight.remove(cluster);
        try {
            report(poll.answer().get(), poll.startedMillis(), cluster, out);
        } catch (ExecutionException e) {
            pollFailures.inc();
            LOG.warn("polling Job status of cluster {} failed; trying again in {} ms: {}", cluster, intervalMillis,
                    e.getCause().toString());
        }
        schedule(poll.startedMillis(), ctx);
    }

    /** Reports each Job whose state changed since the last poll, and forgets the Jobs gone from the cluster. */
    private void report(Map<String, JobStatusReader.Observed> now, long seenMillis, String cluster, Collector<WorkloadEvent> out)
            throws Exception {
        for (Map.Entry<String, JobStatusReader.Observed> job : now.entrySet()) {
            WorkloadAction action = job.getValue().action();
            if (action != reported.get(job.getKey())) {
                reported.put(job.getKey(), action);
                out.collect(WorkloadEvent.feedback(job.getKey(), action, seenMillis, cluster,
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
    }

    /** The next poll, an interval after {@code now} (the last poll's start), but not in the past. */
    private void schedule(long now, Context ctx) throws Exception {
        at(Math.max(now + intervalMillis, ctx.timerService().currentProcessingTime()), ctx);
    }

    private void at(long time, Context ctx) throws Exception {
        ctx.timerService().registerProcessingTimeTimer(time);
        timer.update(time);
    }

    @Override
    public void close() {
        if (polls != null) {
            polls.shutdownNow();
        }
        if (connected != null) {
            connected.values().forEach(KubernetesClient::close);
        }
    }
}
