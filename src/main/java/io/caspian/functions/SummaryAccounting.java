package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.CarbonSample;
import io.caspian.events.RoundSummary;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a round's summary into the carbon samples the analytics windows add up: one for the overall
 * scope, and one per cluster that had dispatched workloads to account. A summary holds what the round's
 * interval added, so summing samples over any window counts every gram once, and needs no state.
 */
public class SummaryAccounting implements FlatMapFunction<RoundSummary, CarbonSample> {

    @Override
    public void flatMap(RoundSummary summary, Collector<CarbonSample> out) {
        out.collect(new CarbonSample(AnalyticsRecord.OVERALL, summary.emittedCo2G(), summary.baselineCo2G(),
                summary.migrationCostG(), summary.energyKwh(), summary.pending() + summary.running() + summary.ended()));
        for (RoundSummary.ClusterRound cluster : summary.clusters()) {
            if (cluster.accounted() > 0) {
                out.collect(new CarbonSample(cluster.cluster(), cluster.emittedCo2G(), cluster.baselineCo2G(),
                        cluster.migrationCostG(), cluster.energyKwh(), cluster.accounted()));
            }
        }
    }
}
