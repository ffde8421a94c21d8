package io.caspian.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The seed's migration metrics, per route ({@code from_cluster}, {@code to_cluster} labels), and
 * {@code migrations_in_progress}: a migration is in progress from the round that moves a workload
 * until the workload is seen running on its new cluster (its next dispatched placement there) or
 * ends. The in-progress set is per task and not checkpointed: after a restore it starts empty, so a
 * move that was in progress before the restart is not counted again.
 *
 * <p>A route's series exist at 0 before its first migration, so that {@code increase()} and
 * {@code rate()} count that first one too (they need a sample before the increment): every allowed
 * route between known clusters is registered as soon as both are known — the clusters of the network
 * cost matrix from the start, any other once a placement names it — up to {@link #PREREGISTERED_CLUSTERS}
 * clusters; beyond that a route appears with its first migration. The route totals are restored from
 * the detector's operator state ({@link #totals()}), so a restart resumes them instead of starting at 0.
 */
public final class MigrationMetrics {

    /** Known clusters up to which every route is registered in advance (n × (n − 1) series). */
    public static final int PREREGISTERED_CLUSTERS = 30;

    private final MetricGroup group;
    private final BiPredicate<String, String> allowed;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Set<String> clusters = new LinkedHashSet<>();
    private final Set<String> inProgress = new HashSet<>();

    /**
     * @param known clusters known from the start (the network cost matrix)
     * @param allowed whether a move between two clusters may happen at all (a forbidden route gets no series)
     * @param restored totals this subtask counted before a restart; entries of one route add up
     */
    public MigrationMetrics(MetricGroup group, Collection<String> known, BiPredicate<String, String> allowed,
            Collection<MigrationRouteTotals> restored) {
        this.group = group;
        this.allowed = allowed;
        group.gauge(MetricNames.MIGRATIONS_IN_PROGRESS, (Gauge<Integer>) inProgress::size);
        for (MigrationRouteTotals t : restored) {
            Route route = route(t.fromCluster, t.toCluster);
            route.migrations.inc(t.migrations);
            route.dataGb.add(t.dataGb);
            route.costG.add(t.costG);
        }
        known.forEach(this::clusterKnown);
    }

    /** A metrics set with no clusters known in advance and nothing restored. */
    public MigrationMetrics(MetricGroup group) {
        this(group, List.of(), (from, to) -> true, List.of());
    }

    /** A cluster is known (a placement names it): the routes between it and the other known clusters exist from now on. */
    public void clusterKnown(String cluster) {
        if (cluster == null || clusters.contains(cluster) || clusters.size() >= PREREGISTERED_CLUSTERS) {
            return;
        }
        for (String other : clusters) {
            if (allowed.test(cluster, other)) {
                route(cluster, other);
            }
            if (allowed.test(other, cluster)) {
                route(other, cluster);
            }
        }
        clusters.add(cluster);
    }

    public void started(String jobId, String from, String to, double dataGb, double costG) {
        Route route = route(from, to);
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

    /** What this subtask has counted, per route with at least one migration: for the operator state. */
    public List<MigrationRouteTotals> totals() {
        List<MigrationRouteTotals> totals = new ArrayList<>();
        routes.forEach((key, route) -> {
            if (route.migrations.getCount() > 0) {
                totals.add(new MigrationRouteTotals(route.from, route.to, route.migrations.getCount(), route.dataGb.getValue(),
                        route.costG.getValue()));
            }
        });
        return totals;
    }

    private Route route(String from, String to) {
        return routes.computeIfAbsent(from + "\u0000" + to, key -> new Route(group, from, to));
    }

    private static final class Route {
        final String from;
        final String to;
        final Counter migrations;
        final RunningSum dataGb = new RunningSum();
        final RunningSum costG = new RunningSum();

        Route(MetricGroup parent, String from, String to) {
            this.from = from;
            this.to = to;
            MetricGroup group = parent.addGroup(MetricNames.FROM_CLUSTER, from).addGroup(MetricNames.TO_CLUSTER, to);
            migrations = group.counter(MetricNames.MIGRATIONS_TOTAL);
            group.gauge(MetricNames.MIGRATION_DATA_TRANSFERRED_GB, dataGb);
            group.gauge(MetricNames.MIGRATION_COST_GCO2, costG);
        }
    }
}
