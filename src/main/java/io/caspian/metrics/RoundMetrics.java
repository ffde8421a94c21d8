package io.caspian.metrics;

import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import io.caspian.scheduling.WorkloadState;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What the placement rounds know about the fleet, refreshed after every round: workloads by phase
 * and by cluster, clusters by status, the optimizer's decision latency, where the last round's time
 * went, and the carbon saved against the baseline by the workloads that ended (since the task started).
 */
public final class RoundMetrics {

    /**
     * The parts of a round, in the order they run, each timed on the wall clock:
     * {@code INPUTS} reads the domain's state and applies the round's buffered inputs and the ended
     * workloads; {@code PLAN} is the optimizer; {@code EMIT} hands the round's placements, decisions and
     * summary to the next operators, and grows when they back-pressure (a slow sink); {@code STATE}
     * writes back what changed.
     */
    public enum Stage { INPUTS, PLAN, EMIT, STATE }

    /** Rounds kept for the latency quantiles. */
    static final int LATENCY_WINDOW = 500;

    private final MetricGroup group;
    private final Map<WorkloadPhase, long[]> activeByPhase = new EnumMap<>(WorkloadPhase.class);
    private final Map<WorkloadPhase, Counter> finishedByPhase = new EnumMap<>(WorkloadPhase.class);
    private final Map<ClusterStatus, long[]> clustersByStatus = new EnumMap<>(ClusterStatus.class);
    private final Map<String, long[]> runningByCluster = new HashMap<>();
    private final Histogram decisionLatency;
    private final RunningSum carbonSaved = new RunningSum();
    private final Map<Stage, long[]> stageMillis = new EnumMap<>(Stage.class);

    public RoundMetrics(MetricGroup group) {
        this.group = group;
        for (WorkloadPhase phase : WorkloadPhase.values()) {
            MetricGroup labelled = group.addGroup(MetricNames.PHASE, phase.name().toLowerCase(Locale.ROOT));
            if (phase.terminal()) {
                finishedByPhase.put(phase, labelled.counter(MetricNames.WORKLOADS_FINISHED));
            } else {
                activeByPhase.put(phase, register(labelled, MetricNames.WORKLOADS_BY_PHASE));
            }
        }
        for (ClusterStatus status : ClusterStatus.values()) {
            clustersByStatus.put(status, register(group.addGroup(MetricNames.STATUS, status.name().toLowerCase(Locale.ROOT)),
                    MetricNames.CLUSTERS_BY_STATUS));
        }
        for (Stage stage : Stage.values()) {
            stageMillis.put(stage, register(group.addGroup(MetricNames.STAGE, stage.name().toLowerCase(Locale.ROOT)),
                    MetricNames.ROUND_STAGE_MS));
        }
        decisionLatency = group.histogram(MetricNames.DECISION_LATENCY_MS, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge(MetricNames.CARBON_SAVED_GCO2, carbonSaved);
    }

    private static long[] register(MetricGroup group, String name) {
        long[] value = {0};
        group.gauge(name, (Gauge<Long>) () -> value[0]);
        return value;
    }

    /** A workload left the plan (its terminal placement). */
    public void ended(Placement terminal) {
        Counter finished = finishedByPhase.get(terminal.phase());
        if (finished != null) {
            finished.inc();
        }
        carbonSaved.add(terminal.baselineCo2G() - terminal.emittedCo2G());
    }

    /** The last round's time in one of its stages. */
    public void stage(Stage stage, long millis) {
        stageMillis.get(stage)[0] = millis;
    }

    public void afterRound(Iterable<Cluster> clusters, Iterable<WorkloadState> active, long optimizerMillis) {
        decisionLatency.update(optimizerMillis);
        clustersByStatus.values().forEach(v -> v[0] = 0);
        for (Cluster cluster : clusters) {
            clustersByStatus.get(cluster.status())[0]++;
            runningByCluster.computeIfAbsent(cluster.name(),
                    name -> register(group.addGroup(MetricNames.CLUSTER, name), MetricNames.WORKLOADS_BY_CLUSTER));
        }
        activeByPhase.values().forEach(v -> v[0] = 0);
        runningByCluster.values().forEach(v -> v[0] = 0);
        for (WorkloadState w : active) {
            long[] phase = activeByPhase.get(w.phase);
            if (phase != null) {
                phase[0]++;
            }
            long[] cluster = w.phase == WorkloadPhase.RUNNING && w.cluster != null ? runningByCluster.get(w.cluster) : null;
            if (cluster != null) {
                cluster[0]++;
            }
        }
    }
}
