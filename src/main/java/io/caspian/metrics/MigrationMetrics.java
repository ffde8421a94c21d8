package io.caspian.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The seed's migration metrics, per route ({@code from_cluster}, {@code to_cluster} labels), and
 * {@code migrations_in_progress}: a migration is in progress from the round that moves a workload
 * until the workload is seen running on its new cluster (its next dispatched placement there) or
 * ends. The in-progress set is per task and not checkpointed: after a restore it starts empty, so a
 * move that was in progress before the restart is not counted again.
 */
public final class MigrationMetrics {

    private final MetricGroup group;
    private final Map<String, Route> routes = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    public MigrationMetrics(MetricGroup group) {
        this.group = group;
        group.gauge(MetricNames.MIGRATIONS_IN_PROGRESS, (Gauge<Integer>) inProgress::size);
    }

    public void started(String jobId, String from, String to, double dataGb, double costG) {
        Route route = routes.computeIfAbsent(from + "\u0000" + to, key -> new Route(group, from, to));
        route.migrations.inc();
        route.dataGb.add(dataGb);
        route.costG.add(costG);
        inProgress.add(jobId);
    }

    /** The workload runs on its new cluster, or has ended: its move is no longer in progress. */
    public void settled(String jobId) {
        inProgress.remove(jobId);
    }

    public int inProgress() {
        return inProgress.size();
    }

    private static final class Route {
        final Counter migrations;
        final RunningSum dataGb = new RunningSum();
        final RunningSum costG = new RunningSum();

        Route(MetricGroup parent, String from, String to) {
            MetricGroup group = parent.addGroup(MetricNames.FROM_CLUSTER, from).addGroup(MetricNames.TO_CLUSTER, to);
            migrations = group.counter(MetricNames.MIGRATIONS_TOTAL);
            group.gauge(MetricNames.MIGRATION_DATA_TRANSFERRED_GB, dataGb);
            group.gauge(MetricNames.MIGRATION_COST_GCO2, costG);
        }
    }
}
