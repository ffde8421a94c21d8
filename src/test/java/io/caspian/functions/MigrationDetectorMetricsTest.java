package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import io.caspian.metrics.MetricNames;
import io.caspian.metrics.MigrationRouteTotals;
import io.caspian.optimizer.MigrationCostModel;
import io.caspian.testing.Placements;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** migrations_in_progress rises when a move is detected and falls once the workload runs on its new cluster. */
class MigrationDetectorMetricsTest {

    private static final long MINUTE = 60_000L;
    private static final long ROUND = 1_761_120_000_000L;

    private final InterceptingOperatorMetricGroup operatorMetrics = new InterceptingOperatorMetricGroup();

    @Test
    void inProgressRisesOnMigrationAndFallsWhenItRunsOnTheTarget() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness = harness()) {
            harness.open();
            harness.processElement(Placements.dispatched("job-a", ROUND, "carbon-kr", null, 900), ROUND);
            assertThat(inProgress()).isZero();

            harness.processElement(Placements.dispatched("job-a", ROUND + 5 * MINUTE, "carbon-jp", "carbon-kr", 600),
                    ROUND + 5 * MINUTE);
            assertThat(inProgress()).as("a move was detected").isEqualTo(1);

            harness.processElement(Placements.dispatched("job-a", ROUND + 10 * MINUTE, "carbon-jp", "carbon-jp", 500),
                    ROUND + 10 * MINUTE);
            assertThat(inProgress()).as("it runs on carbon-jp now").isZero();
        }
    }

    @Test
    void aWorkloadThatEndsMidMoveLeavesNoMoveInProgress() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness = harness()) {
            harness.open();
            harness.processElement(Placements.dispatched("job-b", ROUND, "carbon-kr", null, 900), ROUND);
            harness.processElement(Placements.dispatched("job-b", ROUND + 5 * MINUTE, "carbon-cn", "carbon-kr", 600),
                    ROUND + 5 * MINUTE);
            assertThat(inProgress()).isEqualTo(1);
            harness.processElement(Placements.ended("job-b", ROUND + 10 * MINUTE, "carbon-cn", WorkloadPhase.CANCELLED),
                    ROUND + 10 * MINUTE);
            assertThat(inProgress()).isZero();
        }
    }

    @Test
    void routeTotalsResumeFromTheCheckpointAfterARestart() throws Exception {
        OperatorSubtaskState checkpoint;
        try (KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness = harness(detector())) {
            harness.open();
            harness.processElement(Placements.dispatched("job-c", ROUND, "carbon-kr", null, 900), ROUND);
            harness.processElement(Placements.dispatched("job-c", ROUND + 5 * MINUTE, "carbon-jp", "carbon-kr", 600),
                    ROUND + 5 * MINUTE);
            checkpoint = harness.snapshot(1, ROUND + 5 * MINUTE);
        }
        MigrationDetector restarted = detector();
        try (KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness = harness(restarted)) {
            harness.initializeState(checkpoint);
            harness.open();
            // 125 g a move: the planner's price on the placement (λ 100 + 0.5 g/GB × 50 GB), not the detector's model
            assertThat(restarted.routeTotals()).as("restored").containsExactly(new MigrationRouteTotals("carbon-kr", "carbon-jp", 1, 50, 125));
            harness.processElement(Placements.dispatched("job-d", ROUND + 10 * MINUTE, "carbon-kr", null, 900), ROUND + 10 * MINUTE);
            harness.processElement(Placements.dispatched("job-d", ROUND + 15 * MINUTE, "carbon-jp", "carbon-kr", 600),
                    ROUND + 15 * MINUTE);
            assertThat(restarted.routeTotals()).as("counting on from the restored total")
                    .containsExactly(new MigrationRouteTotals("carbon-kr", "carbon-jp", 2, 100, 250));
        }
    }

    private static MigrationDetector detector() {
        return new MigrationDetector(new MigrationCostModel(100, Map.of()));
    }

    private int inProgress() {
        @SuppressWarnings("unchecked")
        Gauge<Integer> gauge = (Gauge<Integer>) operatorMetrics.get(MetricNames.MIGRATIONS_IN_PROGRESS);
        return gauge.getValue();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness() throws Exception {
        return harness(detector());
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness(MigrationDetector detector) throws Exception {
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                        return operatorMetrics;
                    }
                })
                .build();
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(detector), Placement::jobId, Types.STRING,
                environment);
    }
}
