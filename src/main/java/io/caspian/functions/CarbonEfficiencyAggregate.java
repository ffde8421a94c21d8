package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.CarbonSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums the per-round carbon and energy of the workloads in a window and compares it with the baseline. */
public class CarbonEfficiencyAggregate
        implements AggregateFunction<CarbonSample, CarbonEfficiencyAggregate.Sums, AnalyticsRecord> {

    public static final String SAMPLES = "workload_rounds";
    public static final String EMITTED = "emitted_co2_g";
    public static final String BASELINE = "baseline_co2_g";
    public static final String RUN = "run_co2_g";
    public static final String MIGRATION_OVERHEAD = "migration_overhead_co2_g";
    public static final String GROSS_SAVED = "gross_saved_co2_g";
    public static final String NET_SAVED = "net_saved_co2_g";
    public static final String NET_SAVED_PCT = "net_saved_pct";
    public static final String ENERGY = "energy_kwh";
    public static final String COST = "energy_cost";
    public static final List<String> FIGURES = List.of(SAMPLES, EMITTED, BASELINE, RUN, MIGRATION_OVERHEAD, GROSS_SAVED,
            NET_SAVED, NET_SAVED_PCT, ENERGY, COST);

    /** The accumulator. */
    public static class Sums {
        public long samples;
        public double emittedCo2G;
        public double baselineCo2G;
        public double migrationCostG;
        public double energyKwh;

        public Sums() {}
    }

    private final Double pricePerKwh;

    /** @param pricePerKwh null when no price is configured: the cost figure is then null */
    public CarbonEfficiencyAggregate(Double pricePerKwh) {
        this.pricePerKwh = pricePerKwh;
    }

    @Override
    public Sums createAccumulator() {
        return new Sums();
    }

    @Override
    public Sums add(CarbonSample sample, Sums sums) {
        sums.samples += sample.workloadRounds();
        sums.emittedCo2G += sample.emittedCo2G();
        sums.baselineCo2G += sample.baselineCo2G();
        sums.migrationCostG += sample.migrationCostG();
        sums.energyKwh += sample.energyKwh();
        return sums;
    }

    @Override
    public AnalyticsRecord getResult(Sums sums) {
        double run = sums.emittedCo2G - sums.migrationCostG;
        double net = sums.baselineCo2G - sums.emittedCo2G;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(SAMPLES, (double) sums.samples);
        figures.put(EMITTED, sums.emittedCo2G);
        figures.put(BASELINE, sums.baselineCo2G);
        figures.put(RUN, run);
        figures.put(MIGRATION_OVERHEAD, sums.migrationCostG);
        figures.put(GROSS_SAVED, sums.baselineCo2G - run);
        figures.put(NET_SAVED, net);
        figures.put(NET_SAVED_PCT, sums.baselineCo2G > 0 ? 100.0 * net / sums.baselineCo2G : null);
        figures.put(ENERGY, sums.energyKwh);
        figures.put(COST, pricePerKwh == null ? null : sums.energyKwh * pricePerKwh);
        return new AnalyticsRecord(0, 0, null, null, AnalyticsRecord.CARBON_EFFICIENCY, figures);
    }

    @Override
    public Sums merge(Sums a, Sums b) {
        a.samples += b.samples;
        a.emittedCo2G += b.emittedCo2G;
        a.baselineCo2G += b.baselineCo2G;
        a.migrationCostG += b.migrationCostG;
        a.energyKwh += b.energyKwh;
        return a;
    }
}
