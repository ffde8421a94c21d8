package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.Placement;
import io.caspian.events.SlaSample;
import io.caspian.events.WorkloadPhase;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each terminal placement of a completed or expired workload into SLA samples (overall, and its
 * last cluster when it ran). Cancelled and failed workloads are left out: their deadline was not the
 * scheduler's to meet.
 */
public class SlaSamples implements FlatMapFunction<Placement, SlaSample> {

    /** The sample of a terminal placement, or null when it does not count. */
    public static SlaSample sample(Placement p, String scope) {
        if (p.endedMillis() == null || (p.phase() != WorkloadPhase.COMPLETED && p.phase() != WorkloadPhase.EXPIRED)) {
            return null;
        }
        long ended = p.endedMillis();
        boolean met = p.phase() == WorkloadPhase.COMPLETED && ended <= p.deadlineMillis();
        double lateness = Math.max(0, ended - p.deadlineMillis()) / 60_000.0;
        Double ratio = null;
        long allowed = p.deadlineMillis() - p.submittedMillis();
        if (p.phase() == WorkloadPhase.COMPLETED && allowed > 0) {
            ratio = (ended - p.submittedMillis()) / (double) allowed;
        }
        return new SlaSample(scope, met, lateness, ratio);
    }

    @Override
    public void flatMap(Placement placement, Collector<SlaSample> out) {
        SlaSample overall = sample(placement, AnalyticsRecord.OVERALL);
        if (overall == null) {
            return;
        }
        out.collect(overall);
        if (placement.targetCluster() != null && placement.scheduledAtMillis() != null) {
            out.collect(sample(placement, placement.targetCluster()));
        }
    }
}
