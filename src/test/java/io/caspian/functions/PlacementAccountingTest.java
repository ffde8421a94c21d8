package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.CarbonSample;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Cumulative placement totals become per-round increments that add up to the final totals. */
class PlacementAccountingTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_761_120_000_000L;
    private static final double WATTS = 600;

    private static Placement placement(long round, WorkloadPhase phase, String cluster, Long scheduledAt, double emitted,
            double baseline, double migrationCost, Long ended) {
        return new Placement("job", round, phase, cluster, "KR", 0, null, scheduledAt != null, "test", 0, emitted, baseline,
                scheduledAt, null, null, null, 0, WATTS, 0, T0 + 120 * MINUTE, migrationCost, 0, "greedy", ended, null, T0);
    }

    @Test
    void incrementsSumToTheTotalsAndStateIsClearedAtTheEnd() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementAccounting()),
                Placement::jobId, Types.STRING)) {
            harness.open();
            List<Placement> rounds = List.of(
                    placement(T0 + 5 * MINUTE, WorkloadPhase.PENDING, null, null, 0, 10, 0, null),
                    placement(T0 + 10 * MINUTE, WorkloadPhase.RUNNING, "a", T0 + 5 * MINUTE, 15, 20, 0, null),
                    placement(T0 + 15 * MINUTE, WorkloadPhase.RUNNING, "b", T0 + 5 * MINUTE, 140, 30, 100, null),
                    placement(T0 + 20 * MINUTE, WorkloadPhase.COMPLETED, "b", T0 + 5 * MINUTE, 150, 35, 0, T0 + 17 * MINUTE));
            for (Placement p : rounds) {
                harness.processElement(new StreamRecord<>(p, p.roundMillis()));
            }
            List<CarbonSample> samples = harness.extractOutputValues();
            List<CarbonSample> overall = samples.stream().filter(s -> s.scope().equals("overall")).toList();
            assertThat(overall).extracting(CarbonSample::emittedCo2G).containsExactly(0.0, 15.0, 125.0, 10.0);
            assertThat(overall).extracting(CarbonSample::baselineCo2G).containsExactly(10.0, 10.0, 10.0, 5.0);
            assertThat(overall.stream().mapToDouble(CarbonSample::emittedCo2G).sum()).isEqualTo(150.0);
            assertThat(overall.stream().mapToDouble(CarbonSample::migrationCostG).sum()).isEqualTo(100.0);
            // ran 08:05..08:17 at 600 W: 0.12 kWh in total, split by round
            assertThat(overall).extracting(CarbonSample::energyKwh).containsExactly(0.0, 0.05, 0.05, 0.02);
            assertThat(overall.stream().mapToDouble(CarbonSample::energyKwh).sum()).isCloseTo(0.12, within(1e-12));
            assertThat(samples.stream().filter(s -> !s.scope().equals("overall")).map(CarbonSample::scope))
                    .containsExactly("a", "b", "b");
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
