package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.CarbonSample;
import io.caspian.events.Placement;
import io.caspian.optimizer.EnergyModel;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by job. A placement carries the workload's cumulative emitted and baseline carbon; this turns
 * each round's placement into the increment since the workload's previous placement, so that summing
 * samples over any window counts every gram exactly once. Emits one sample for the overall scope and,
 * once the workload was dispatched, one for the cluster it runs on. State goes when the workload
 * ends, or the migration detector's retention period after its deadline if no end is ever seen.
 */
public class PlacementAccounting extends KeyedProcessFunction<String, Placement, CarbonSample> {

    static final String STATE = "last-placement-totals";

    /** The workload's totals at its previous placement. */
    public static class Totals {
        public long roundMillis;
        public double emittedCo2G;
        public double baselineCo2G;
        public long cleanupTimerMillis;

        public Totals() {}
    }

    private transient ValueState<Totals> totals;

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, Totals.class));
    }

    /** The increment of one placement over the previous totals (null for the first placement). */
    public static CarbonSample increment(Placement p, Totals previous, String scope) {
        double emitted = p.emittedCo2G() - (previous == null ? 0 : previous.emittedCo2G);
        double baseline = p.baselineCo2G() - (previous == null ? 0 : previous.baselineCo2G);
        return new CarbonSample(scope, emitted, baseline, p.migrationCostG(), energyKwh(p, previous));
    }

    /** Energy of the run between the previous round (or its dispatch) and this round (or its end). */
    static double energyKwh(Placement p, Totals previous) {
        if (p.scheduledAtMillis() == null) {
            return 0;
        }
        long from = Math.max(p.scheduledAtMillis(), previous == null ? Long.MIN_VALUE : previous.roundMillis);
        long to = p.endedMillis() == null ? p.roundMillis() : Math.min(p.roundMillis(), p.endedMillis());
        return to <= from ? 0 : EnergyModel.energyKwh(p.powerWatts(), (to - from) / 60_000.0);
    }

    @Override
    public void processElement(Placement p, Context ctx, Collector<CarbonSample> out) throws Exception {
        Totals previous = totals.value();
        out.collect(increment(p, previous, AnalyticsRecord.OVERALL));
        if (p.targetCluster() != null && p.scheduledAtMillis() != null) {
            out.collect(increment(p, previous, p.targetCluster()));
        }
        if (p.phase().terminal()) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous.cleanupTimerMillis);
            }
            totals.clear();
            return;
        }
        Totals next = new Totals();
        next.roundMillis = p.roundMillis();
        next.emittedCo2G = p.emittedCo2G();
        next.baselineCo2G = p.baselineCo2G();
        next.cleanupTimerMillis = p.deadlineMillis() + MigrationDetector.RETENTION_AFTER_DEADLINE_MILLIS;
        if (previous == null || previous.cleanupTimerMillis != next.cleanupTimerMillis) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous.cleanupTimerMillis);
            }
            ctx.timerService().registerEventTimeTimer(next.cleanupTimerMillis);
        }
        totals.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CarbonSample> out) {
        totals.clear();
    }
}
