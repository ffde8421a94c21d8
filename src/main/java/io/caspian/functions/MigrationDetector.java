package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadRelocation;
import io.caspian.metrics.MigrationMetrics;
import io.caspian.metrics.MigrationRouteTotals;
import io.caspian.optimizer.MigrationCostModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by job. Remembers the cluster each workload was dispatched to and classifies every dispatched
 * placement as a first placement, the same cluster, or a migration. A migration carries the price the
 * planner put on it ({@code migration_cost_gco2} of the placement; the planner owns that fact and this
 * function never prices again); it is logged, published as a {@code workload_relocation} event, and
 * stamped on the placement ({@code migrated_from}, {@code migration_time}) from then on. State and its clean-up timer are
 * cleared when the workload ends, or a retention period after its deadline if no end is ever seen.
 */
public class MigrationDetector extends KeyedProcessFunction<String, Placement, Placement> implements CheckpointedFunction {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationDetector.class);

    static final String STATE = "dispatch-history";
    /** Operator state: this subtask's migration totals per route, so the route counters survive a restart. */
    static final String ROUTE_TOTALS = "migration-route-totals";
    public static final long RETENTION_AFTER_DEADLINE_MILLIS = 24 * 3_600_000L;

    /** What the detector keeps per workload. */
    public static class History {
        public String cluster;
        public String migratedFrom;
        public Long migrationTimeMillis;
        public long cleanupTimerMillis;

        public History() {}
    }

    /** How a placement relates to the previous one. */
    public enum Transition {
        FIRST_PLACEMENT,
        SAME_CLUSTER,
        MIGRATION
    }

    private final MigrationCostModel costModel;
    private transient ValueState<History> history;
    private transient Counter migrations;
    private transient MigrationMetrics migrationMetrics;
    private transient ListState<MigrationRouteTotals> routeTotals;
    private transient List<MigrationRouteTotals> restoredTotals;

    public MigrationDetector(MigrationCostModel costModel) {
        this.costModel = costModel;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, History.class));
        migrations = getRuntimeContext().getMetricGroup().counter("migrationsDetected");
        migrationMetrics = new MigrationMetrics(getRuntimeContext().getMetricGroup(), knownClusters(costModel), costModel::allowed,
                restoredTotals == null ? List.of() : restoredTotals);
        restoredTotals = null;
    }

    /** Called before {@link #open}: the route totals this subtask had at the checkpoint it restarts from. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        routeTotals = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(ROUTE_TOTALS, MigrationRouteTotals.class));
        restoredTotals = new ArrayList<>();
        if (context.isRestored()) {
            routeTotals.get().forEach(restoredTotals::add);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        routeTotals.update(migrationMetrics.totals());
    }

    /** This subtask's route totals, as its next checkpoint stores them. */
    List<MigrationRouteTotals> routeTotals() {
        return migrationMetrics.totals();
    }

    /** The clusters the network cost matrix names: their routes exist at 0 from the start. */
    static Set<String> knownClusters(MigrationCostModel model) {
        Set<String> clusters = new TreeSet<>(model.networkGPerGb().keySet());
        model.networkGPerGb().values().forEach(row -> clusters.addAll(row.keySet()));
        return clusters;
    }

    public static Transition classify(String previousCluster, String newCluster) {
        if (previousCluster == null) {
            return Transition.FIRST_PLACEMENT;
        }
        return previousCluster.equals(newCluster) ? Transition.SAME_CLUSTER : Transition.MIGRATION;
    }

    @Override
    public void processElement(Placement placement, Context ctx, Collector<Placement> out) throws Exception {
        History h = history.value();
        if (placement.phase().terminal()) {
            migrationMetrics.settled(placement.jobId());
            if (h != null) {
                ctx.timerService().deleteEventTimeTimer(h.cleanupTimerMillis);
                history.clear();
            }
            out.collect(stamp(placement, h));
            return;
        }
        if (h == null) {
            h = new History();
        }
        migrationMetrics.clusterKnown(placement.targetCluster());
        if (placement.gateOpen() && placement.targetCluster() != null) {
            // the planner kept it where it runs: so it is, even where this detector last saw another cluster (a move
            // that failed and left the workload on its source)
            Transition transition = placement.targetCluster().equals(placement.previousCluster()) ? Transition.SAME_CLUSTER
                    : classify(h.cluster, placement.targetCluster());
            if (transition == Transition.SAME_CLUSTER) {
                migrationMetrics.settled(placement.jobId());
            } else if (transition == Transition.MIGRATION) {
                migrate(placement, h.cluster, ctx);
                h.migratedFrom = h.cluster;
                h.migrationTimeMillis = placement.roundMillis();
            }
            h.cluster = placement.targetCluster();
        }
        long cleanupAt = placement.deadlineMillis() + RETENTION_AFTER_DEADLINE_MILLIS;
        if (cleanupAt != h.cleanupTimerMillis) {
            if (h.cleanupTimerMillis != 0) {
                ctx.timerService().deleteEventTimeTimer(h.cleanupTimerMillis);
            }
            ctx.timerService().registerEventTimeTimer(cleanupAt);
            h.cleanupTimerMillis = cleanupAt;
        }
        history.update(h);
        out.collect(stamp(placement, h));
    }

    private void migrate(Placement placement, String from, Context ctx) {
        String to = placement.targetCluster();
        // the planner's price of this move; 0 when the planner restarted a workload whose cluster was lost
        double cost = placement.migrationCostG();
        migrations.inc();
        migrationMetrics.started(placement.jobId(), from, to, placement.dataGb(), cost);
        LOG.info(String.format(Locale.ROOT, "MIGRATION detected for %s: %s -> %s, data=%.2fGB, cost=%.2fgCO2",
                placement.jobId(), from, to, placement.dataGb(), cost));
        ctx.output(OutputTags.AUDIT_EVENTS, decided(placement, from));
    }

    /**
     * The relocation a move's placement makes, as decided: its migration and downtime seconds are not known
     * yet (null, never 0); with dispatch on, the dispatcher completes it under the same event_id.
     */
    public static AuditEvent decided(Placement placement, String from) {
        double cost = placement.migrationCostG();
        double saving = placement.carbonSavingG();
        double stayCarbon = placement.estimatedCo2G() - placement.migrationCostG() + saving;
        double ratePct = stayCarbon > 0 ? 100.0 * saving / stayCarbon : 0;
        WorkloadRelocation relocation = new WorkloadRelocation(from, placement.targetCluster(), "carbon_intensity_change",
                placement.gateReason(), saving, ratePct, cost, saving - cost, placement.dataGb(), null, null, null, null,
                WorkloadRelocation.DECIDED);
        return AuditEvent.relocation(placement.jobId(), placement.roundMillis(), relocation);
    }

    private static Placement stamp(Placement placement, History h) {
        if (h == null || h.migratedFrom == null) {
            return placement;
        }
        return placement.withMigration(h.migratedFrom, h.migrationTimeMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Placement> out) {
        history.clear();
    }
}
