package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadRelocation;
import io.caspian.metrics.MigrationMetrics;
import io.caspian.optimizer.MigrationCostModel;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by job. Remembers the cluster each workload was dispatched to and classifies every dispatched
 * placement as a first placement, the same cluster, or a migration. A migration is priced with the
 * cost model, logged, published as a {@code workload_relocation} event, and stamped on the placement
 * ({@code migrated_from}, {@code migration_time}) from then on. State and its clean-up timer are
 * cleared when the workload ends, or a retention period after its deadline if no end is ever seen.
 */
public class MigrationDetector extends KeyedProcessFunction<String, Placement, Placement> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationDetector.class);

    static final String STATE = "dispatch-history";
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

    public MigrationDetector(MigrationCostModel costModel) {
        this.costModel = costModel;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, History.class));
        migrations = getRuntimeContext().getMetricGroup().counter("migrationsDetected");
        migrationMetrics = new MigrationMetrics(getRuntimeContext().getMetricGroup());
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
        if (placement.gateOpen() && placement.targetCluster() != null) {
            Transition transition = classify(h.cluster, placement.targetCluster());
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
        double cost = costModel.cost(from, to, placement.dataGb());
        migrations.inc();
        migrationMetrics.started(placement.jobId(), from, to, placement.dataGb(), cost);
        LOG.info(String.format(Locale.ROOT, "MIGRATION detected for %s: %s -> %s, data=%.2fGB, cost=%.2fgCO2",
                placement.jobId(), from, to, placement.dataGb(), cost));
        double saving = placement.carbonSavingG();
        double stayCarbon = placement.estimatedCo2G() - placement.migrationCostG() + saving;
        double ratePct = stayCarbon > 0 ? 100.0 * saving / stayCarbon : 0;
        // migration and downtime seconds: not measured (yet), so unknown, never 0
        WorkloadRelocation relocation = new WorkloadRelocation(from, to, "carbon_intensity_change", placement.gateReason(),
                saving, ratePct, cost, saving - cost, placement.dataGb(), null, null, null, null);
        ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.relocation(placement.jobId(), placement.roundMillis(), relocation));
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
