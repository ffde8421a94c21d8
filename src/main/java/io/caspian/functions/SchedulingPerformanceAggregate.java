package io.caspian.functions;

import io.caspian.audit.Percentiles;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.DecisionSample;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Counts decisions and keeps how many decisions took each latency, so that the percentiles are exact.
 * Latencies are whole milliseconds and every decision of one round shares its round's, so the counts
 * stay a few entries however many decisions a window holds; a list of every latency would be read and
 * written back whole for each decision the window adds. The window length is needed for the throughput.
 */
public class SchedulingPerformanceAggregate
        implements AggregateFunction<DecisionSample, SchedulingPerformanceAggregate.Counts, AnalyticsRecord> {

    public static final String DECISIONS = "decisions";
    public static final String SUCCESSFUL = "successful_decisions";
    public static final String SUCCESS_RATE = "success_rate_pct";
    public static final String LATENCY_AVG = "decision_latency_avg_ms";
    public static final String LATENCY_P50 = "decision_latency_p50_ms";
    public static final String LATENCY_P95 = "decision_latency_p95_ms";
    public static final String LATENCY_P99 = "decision_latency_p99_ms";
    public static final String LATENCY_MAX = "decision_latency_max_ms";
    public static final String THROUGHPUT = "throughput_decisions_per_s";
    public static final List<String> FIGURES = List.of(DECISIONS, SUCCESSFUL, SUCCESS_RATE, LATENCY_AVG, LATENCY_P50,
            LATENCY_P95, LATENCY_P99, LATENCY_MAX, THROUGHPUT);

    /** The accumulator: counts, and the window's decisions per latency (ms). */
    public static class Counts {
        public long decisions;
        public long successful;
        public Map<Long, Long> latencyCounts = new HashMap<>();

        public Counts() {}
    }

    private final long windowMillis;

    public SchedulingPerformanceAggregate(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    public Counts createAccumulator() {
        return new Counts();
    }

    @Override
    public Counts add(DecisionSample sample, Counts counts) {
        counts.decisions++;
        if (sample.successful()) {
            counts.successful++;
        }
        counts.latencyCounts.merge(sample.executionTimeMs(), 1L, Long::sum);
        return counts;
    }

    @Override
    public AnalyticsRecord getResult(Counts counts) {
        Map<Long, Long> latencies = counts.latencyCounts;
        long measured = latencies.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(DECISIONS, (double) counts.decisions);
        figures.put(SUCCESSFUL, (double) counts.successful);
        figures.put(SUCCESS_RATE, counts.decisions == 0 ? null : 100.0 * counts.successful / counts.decisions);
        figures.put(LATENCY_AVG, measured == 0 ? null
                : latencies.entrySet().stream().mapToDouble(e -> (double) e.getKey() * e.getValue()).sum() / measured);
        figures.put(LATENCY_P50, Percentiles.nearestRank(latencies, 50));
        figures.put(LATENCY_P95, Percentiles.nearestRank(latencies, 95));
        figures.put(LATENCY_P99, Percentiles.nearestRank(latencies, 99));
        figures.put(LATENCY_MAX, Percentiles.nearestRank(latencies, 100));
        figures.put(THROUGHPUT, counts.decisions / (windowMillis / 1000.0));
        return new AnalyticsRecord(0, 0, null, null, AnalyticsRecord.SCHEDULING_PERFORMANCE, figures);
    }

    @Override
    public Counts merge(Counts a, Counts b) {
        a.decisions += b.decisions;
        a.successful += b.successful;
        b.latencyCounts.forEach((latency, n) -> a.latencyCounts.merge(latency, n, Long::sum));
        return a;
    }
}
