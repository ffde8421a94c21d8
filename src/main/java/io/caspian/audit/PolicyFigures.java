package io.caspian.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures that compare policy versions (docs/analytics.md), computed alike by the streaming
 * analytics (before and after each switch) and by the report (per version): carbon against the
 * baseline, migration cost, deadlines met, decision latency percentiles, and cost where a price is set.
 * A figure with nothing to measure is null, never 0.
 */
public final class PolicyFigures {

    /** The figures of one span, in the order they are shown. */
    public static final List<String> NAMES = List.of("saving_pct", "emitted_co2_g", "baseline_co2_g", "migration_cost_g",
            "energy_kwh", "cost", "decisions", "decision_latency_p50_ms", "decision_latency_p95_ms", "decision_latency_p99_ms",
            "ended", "deadlines_met_pct");

    /** The figure names of a comparison across a switch, as {@link #compare} and the switch record carry them. */
    public static final List<String> SWITCH_FIGURES = switchFigures();

    private PolicyFigures() {}

    private static List<String> switchFigures() {
        List<String> names = new ArrayList<>(List.of("from_version", "to_version"));
        names.addAll(compare(of(List.of(), null), of(List.of(), null)).keySet());
        return List.copyOf(names);
    }

    /** The figures of the samples of one span (switches among them are ignored). */
    public static Map<String, Double> of(List<PolicySample> samples, Double pricePerKwh) {
        double emitted = 0;
        double baseline = 0;
        double migration = 0;
        double energy = 0;
        int intervals = 0;
        List<Long> latencies = new ArrayList<>();
        int ended = 0;
        int met = 0;
        for (PolicySample s : samples) {
            switch (s.kind()) {
                case INTERVAL -> {
                    intervals++;
                    emitted += s.emittedG();
                    baseline += s.baselineG();
                    migration += s.migrationCostG();
                    energy += s.energyKwh();
                }
                case DECISION -> latencies.add(s.decisionMillis());
                case ENDED -> {
                    ended++;
                    met += s.deadlineMet() ? 1 : 0;
                }
                case SWITCH -> { }
            }
        }
        long[] ms = latencies.stream().mapToLong(Long::longValue).toArray();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("saving_pct", baseline > 0 ? 100.0 * (baseline - emitted) / baseline : null);
        figures.put("emitted_co2_g", intervals > 0 ? emitted : null);
        figures.put("baseline_co2_g", intervals > 0 ? baseline : null);
        figures.put("migration_cost_g", intervals > 0 ? migration : null);
        figures.put("energy_kwh", intervals > 0 ? energy : null);
        figures.put("cost", intervals > 0 && pricePerKwh != null ? energy * pricePerKwh : null);
        figures.put("decisions", (double) ms.length);
        figures.put("decision_latency_p50_ms", Percentiles.nearestRank(ms, 50));
        figures.put("decision_latency_p95_ms", Percentiles.nearestRank(ms, 95));
        figures.put("decision_latency_p99_ms", Percentiles.nearestRank(ms, 99));
        figures.put("ended", (double) ended);
        figures.put("deadlines_met_pct", ended > 0 ? 100.0 * met / ended : null);
        return figures;
    }

    /**
     * Before and after a switch side by side ({@code before_*}, {@code after_*}) with the changes an
     * alert rule compares: points for percentages, per cent for latencies and cost, grams for carbon.
     */
    public static Map<String, Double> compare(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String name : NAMES) {
            figures.put("before_" + name, before.get(name));
            figures.put("after_" + name, after.get(name));
        }
        figures.put("saving_change_pp", difference(before.get("saving_pct"), after.get("saving_pct")));
        figures.put("deadlines_met_change_pp", difference(before.get("deadlines_met_pct"), after.get("deadlines_met_pct")));
        figures.put("migration_cost_change_g", difference(before.get("migration_cost_g"), after.get("migration_cost_g")));
        for (String latency : List.of("decision_latency_p50_ms", "decision_latency_p95_ms", "decision_latency_p99_ms")) {
            figures.put(latency.replace("_ms", "_change_pct"), relative(before.get(latency), after.get(latency)));
        }
        figures.put("cost_change_pct", relative(before.get("cost"), after.get("cost")));
        return figures;
    }

    private static Double difference(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }

    /** The change in per cent of the value before; null when either is unknown or the value before is 0. */
    private static Double relative(Double before, Double after) {
        return before == null || after == null || before == 0 ? null : 100.0 * (after - before) / before;
    }
}
