package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.CarbonSample;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Placement;
import io.caspian.events.Resources;
import io.caspian.events.RoundSummary;
import io.caspian.events.WorkloadPhase;
import io.caspian.functions.SummaryAccounting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** A workload's cumulative totals become per-round increments in the summaries, which add up to the final totals. */
class RoundTallyTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_761_120_000_000L;
    private static final double WATTS = 600;

    private static Placement placement(long round, WorkloadPhase phase, String cluster, Long scheduledAt, double emitted,
            double baseline, double migrationCost, Long ended) {
        return new Placement("job", round, phase, cluster, "KR", 0, null, scheduledAt != null, "test", 7, emitted, baseline,
                scheduledAt, null, null, null, 0, WATTS, 0, T0 + 120 * MINUTE, migrationCost, 0, "greedy", ended, null, T0, 0);
    }

    /** The workload as a round left it: only its totals matter to the tally. */
    private static WorkloadState after(Placement p) {
        WorkloadState w = new WorkloadState();
        w.emittedCo2G = p.emittedCo2G();
        w.baselineCo2G = p.baselineCo2G();
        return w;
    }

    private static Cluster cluster(String name) {
        return new Cluster(name, "KR", new Resources(8, 32, 0), new Resources(8, 32, 0), null, ClusterStatus.READY, 0);
    }

    @Test
    void roundIncrementsSumToTheWorkloadsTotals() {
        List<Placement> rounds = List.of(
                placement(T0 + 5 * MINUTE, WorkloadPhase.PENDING, null, null, 0, 10, 0, null),
                placement(T0 + 10 * MINUTE, WorkloadPhase.RUNNING, "a", T0 + 5 * MINUTE, 15, 20, 0, null),
                placement(T0 + 15 * MINUTE, WorkloadPhase.RUNNING, "b", T0 + 5 * MINUTE, 140, 30, 100, null),
                placement(T0 + 20 * MINUTE, WorkloadPhase.COMPLETED, "b", T0 + 5 * MINUTE, 150, 35, 0, T0 + 17 * MINUTE));
        List<RoundSummary> summaries = new ArrayList<>();
        WorkloadState before = null;
        long previousRound = T0;
        for (Placement p : rounds) {
            RoundTally tally = new RoundTally(p.roundMillis(), Map.of("a", cluster("a"), "b", cluster("b")));
            tally.add(p, before, previousRound);
            summaries.add(tally.summary("default", "greedy", 3, 1, 0));
            before = after(p);
            previousRound = p.roundMillis();
        }
        assertThat(summaries).extracting(RoundSummary::emittedCo2G).containsExactly(0.0, 15.0, 125.0, 10.0);
        assertThat(summaries).extracting(RoundSummary::baselineCo2G).containsExactly(10.0, 10.0, 10.0, 5.0);
        assertThat(summaries).extracting(RoundSummary::migrationCostG).containsExactly(0.0, 0.0, 100.0, 0.0);
        // ran 08:05..08:17 at 600 W: 0.12 kWh in total, split by round
        assertThat(summaries).extracting(RoundSummary::energyKwh).containsExactly(0.0, 0.05, 0.05, 0.02);
        assertThat(summaries.stream().mapToDouble(RoundSummary::energyKwh).sum()).isCloseTo(0.12, within(1e-12));
        assertThat(summaries).extracting(RoundSummary::pending, RoundSummary::running, RoundSummary::ended)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0, 0), org.assertj.core.groups.Tuple.tuple(0, 1, 0),
                        org.assertj.core.groups.Tuple.tuple(0, 1, 0), org.assertj.core.groups.Tuple.tuple(0, 0, 1));

        RoundSummary moved = summaries.get(2);
        assertThat(moved.clusters()).extracting(RoundSummary.ClusterRound::cluster).containsExactly("a", "b");
        RoundSummary.ClusterRound b = moved.clusters().get(1);
        assertThat(b.workloads()).isEqualTo(1);
        assertThat(b.powerWatts()).isEqualTo(WATTS);
        assertThat(b.plannedCo2G()).isEqualTo(7.0);
        assertThat(b.emittedCo2G()).isEqualTo(125.0);
        assertThat(moved.clusters().get(0).workloads()).isZero();
        assertThat(moved.clusters().get(0).accounted()).isZero();

        List<CarbonSample> samples = new ArrayList<>();
        Collector<CarbonSample> out = new Collector<>() {
            @Override
            public void collect(CarbonSample record) {
                samples.add(record);
            }

            @Override
            public void close() {}
        };
        SummaryAccounting accounting = new SummaryAccounting();
        summaries.forEach(s -> accounting.flatMap(s, out));
        List<CarbonSample> overall = samples.stream().filter(s -> s.scope().equals("overall")).toList();
        assertThat(overall.stream().mapToDouble(CarbonSample::emittedCo2G).sum()).isEqualTo(150.0);
        assertThat(overall.stream().mapToDouble(CarbonSample::baselineCo2G).sum()).isEqualTo(35.0);
        assertThat(overall.stream().mapToLong(CarbonSample::workloadRounds).sum()).isEqualTo(4);
        assertThat(samples.stream().filter(s -> !s.scope().equals("overall")).map(CarbonSample::scope))
                .containsExactly("a", "b", "b");
    }
}
