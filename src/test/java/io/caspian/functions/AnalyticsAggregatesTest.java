package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.audit.Percentiles;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.CarbonSample;
import io.caspian.events.DecisionSample;
import io.caspian.events.SlaSample;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window aggregates on samples whose figures are worked out by hand. */
class AnalyticsAggregatesTest {

    private static final long MINUTE_MILLIS = 60_000;

    @Test
    void percentilesUseTheNearestRank() {
        long[] values = {50, 10, 40, 20, 30};
        assertThat(Percentiles.nearestRank(values, 50)).isEqualTo(30.0); // rank ceil(2.5) = 3
        assertThat(Percentiles.nearestRank(values, 95)).isEqualTo(50.0); // rank ceil(4.75) = 5
        assertThat(Percentiles.nearestRank(values, 20)).isEqualTo(10.0); // rank 1
        assertThat(Percentiles.nearestRank(new long[0], 50)).isNull();
    }

    @Test
    void schedulingPerformanceCountsSuccessAndLatency() {
        SchedulingPerformanceAggregate aggregate = new SchedulingPerformanceAggregate(MINUTE_MILLIS);
        SchedulingPerformanceAggregate.Counts first = aggregate.createAccumulator();
        SchedulingPerformanceAggregate.Counts second = aggregate.createAccumulator();
        for (int i = 1; i <= 100; i++) {
            aggregate.add(new DecisionSample("overall", i % 4 != 0, i, "event-" + i, 0), i <= 60 ? first : second);
        }
        Map<String, Double> f = aggregate.getResult(aggregate.merge(first, second)).figures();
        assertThat(f.get(SchedulingPerformanceAggregate.DECISIONS)).isEqualTo(100.0);
        assertThat(f.get(SchedulingPerformanceAggregate.SUCCESS_RATE)).isEqualTo(75.0);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_AVG)).isEqualTo(50.5);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_P50)).isEqualTo(50.0);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_P95)).isEqualTo(95.0);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_P99)).isEqualTo(99.0);
        assertThat(f.get(SchedulingPerformanceAggregate.THROUGHPUT)).isCloseTo(100 / 60.0, within(1e-9));
    }

    @Test
    void anEmptyWindowLeavesRatesAndPercentilesUndefined() {
        SchedulingPerformanceAggregate aggregate = new SchedulingPerformanceAggregate(MINUTE_MILLIS);
        Map<String, Double> f = aggregate.getResult(aggregate.createAccumulator()).figures();
        assertThat(f).containsEntry(SchedulingPerformanceAggregate.SUCCESS_RATE, null)
                .containsEntry(SchedulingPerformanceAggregate.LATENCY_P95, null);
    }

    @Test
    void carbonEfficiencySeparatesRunAndMigrationCarbon() {
        CarbonEfficiencyAggregate aggregate = new CarbonEfficiencyAggregate(0.25);
        CarbonEfficiencyAggregate.Sums sums = aggregate.createAccumulator();
        aggregate.add(new CarbonSample("overall", 300, 500, 100, 2.0, 1), sums);
        aggregate.add(new CarbonSample("overall", 150, 250, 0, 1.0, 1), sums);
        Map<String, Double> f = aggregate.getResult(sums).figures();
        assertThat(f.get(CarbonEfficiencyAggregate.EMITTED)).isEqualTo(450.0);
        assertThat(f.get(CarbonEfficiencyAggregate.RUN)).isEqualTo(350.0);
        assertThat(f.get(CarbonEfficiencyAggregate.MIGRATION_OVERHEAD)).isEqualTo(100.0);
        assertThat(f.get(CarbonEfficiencyAggregate.GROSS_SAVED)).isEqualTo(400.0);
        assertThat(f.get(CarbonEfficiencyAggregate.NET_SAVED)).isEqualTo(300.0);
        assertThat(f.get(CarbonEfficiencyAggregate.NET_SAVED_PCT)).isEqualTo(40.0);
        assertThat(f.get(CarbonEfficiencyAggregate.ENERGY)).isEqualTo(3.0);
        assertThat(f.get(CarbonEfficiencyAggregate.COST)).isEqualTo(0.75);
        assertThat(new CarbonEfficiencyAggregate(null).getResult(sums).figures()).containsEntry(CarbonEfficiencyAggregate.COST, null);
    }

    @Test
    void slaComplianceCountsMissesAndRatios() {
        SlaComplianceAggregate aggregate = new SlaComplianceAggregate();
        SlaComplianceAggregate.Tally tally = aggregate.createAccumulator();
        aggregate.add(new SlaSample("overall", true, 0, 0.5), tally);
        aggregate.add(new SlaSample("overall", true, 0, 0.9), tally);
        aggregate.add(new SlaSample("overall", false, 30, 1.25), tally);
        aggregate.add(new SlaSample("overall", false, 10, null), tally); // expired: no completion
        AnalyticsRecord record = aggregate.getResult(tally);
        Map<String, Double> f = record.figures();
        assertThat(record.metricGroup()).isEqualTo(AnalyticsRecord.SLA_COMPLIANCE);
        assertThat(f.get(SlaComplianceAggregate.ENDED)).isEqualTo(4.0);
        assertThat(f.get(SlaComplianceAggregate.MET_PCT)).isEqualTo(50.0);
        assertThat(f.get(SlaComplianceAggregate.LATENESS_TOTAL)).isEqualTo(40.0);
        assertThat(f.get(SlaComplianceAggregate.LATENESS_AVG_MISSED)).isEqualTo(20.0);
        assertThat(f.get(SlaComplianceAggregate.RATIO_AVG)).isCloseTo(2.65 / 3, within(1e-9));
        assertThat(f.get(SlaComplianceAggregate.RATIO_MAX)).isEqualTo(1.25);
    }

    @Test
    void forecastErrorIsPerSourceAndLeadAndUndefinedWhereNothingWasScored() {
        ForecastErrorAggregate aggregate = new ForecastErrorAggregate();
        ForecastErrorAggregate.Tally first = aggregate.createAccumulator();
        ForecastErrorAggregate.Tally second = aggregate.createAccumulator();
        aggregate.add(new io.caspian.events.ForecastError("DE", "feed", 24, 0, 330, 300), first); // +10 %
        aggregate.add(new io.caspian.events.ForecastError("DE", "feed", 24, 3_600_000, 180, 200), second); // -10 %
        aggregate.add(new io.caspian.events.ForecastError("DE", "learned", 1, 0, 300, 300), second);
        Map<String, Double> f = aggregate.getResult(aggregate.merge(first, second)).figures();
        assertThat(f.get(ForecastErrorAggregate.mape("feed", 24))).isCloseTo(10.0, within(1e-9));
        assertThat(f.get(ForecastErrorAggregate.bias("feed", 24))).isCloseTo(5.0, within(1e-9)); // (+30 - 20) / 2
        assertThat(f.get(ForecastErrorAggregate.hours("feed", 24))).isEqualTo(2.0);
        assertThat(f.get(ForecastErrorAggregate.mape("learned", 1))).isEqualTo(0.0);
        assertThat(f).containsEntry(ForecastErrorAggregate.mape("learned", 24), null);
        assertThat(f).containsEntry(ForecastErrorAggregate.hours("learned", 24), 0.0);
        assertThat(f.keySet()).containsExactlyElementsOf(ForecastErrorAggregate.FIGURES);
    }
}
