package io.caspian.functions;

import static io.caspian.testing.Fixtures.MINUTE;
import static io.caspian.testing.Fixtures.ROUND_1;
import static io.caspian.testing.Fixtures.ROUND_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import io.caspian.functions.MigrationDetector.Transition;
import io.caspian.optimizer.MigrationCostModel;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationDetectorTest {

    private static final MigrationCostModel COSTS = new MigrationCostModel(100, Map.of("carbon-kr", Map.of("carbon-jp", 0.5)));

    private KeyedOneInputStreamOperatorTestHarness<String, Placement, Placement> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MigrationDetector(COSTS)),
                Placement::jobId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** The tests move job-123 from carbon-kr to carbon-jp only; the planner prices that move at λ + 0.5 g/GB × 50 GB. */
    private static final double KR_TO_JP_COST_G = 100 + 0.5 * 50;

    private static Placement placement(String cluster, long round, boolean gateOpen, WorkloadPhase phase) {
        double migrationCost = "carbon-jp".equals(cluster) && gateOpen ? KR_TO_JP_COST_G : 0;
        return new Placement("job-123", round, phase, cluster, "KR", 0, round, gateOpen, "test", 500, 0, 0, round, null,
                null, null, 50, 480, 200, round + 600 * MINUTE, migrationCost, 700, "greedy", phase.terminal() ? round : null,
                null, round - 60 * MINUTE, 0);
    }

    private void send(Placement placement) throws Exception {
        harness.processElement(new StreamRecord<>(placement, placement.roundMillis()));
    }

    private List<AuditEvent> relocations() {
        return harness.getSideOutput(OutputTags.AUDIT_EVENTS) == null ? List.of()
                : harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue)
                        .filter(e -> e.eventType() == AuditEventType.WORKLOAD_RELOCATION).toList();
    }

    @Test
    void classifiesFirstSameAndMigration() {
        assertThat(MigrationDetector.classify(null, "carbon-kr")).isEqualTo(Transition.FIRST_PLACEMENT);
        assertThat(MigrationDetector.classify("carbon-kr", "carbon-kr")).isEqualTo(Transition.SAME_CLUSTER);
        assertThat(MigrationDetector.classify("carbon-kr", "carbon-jp")).isEqualTo(Transition.MIGRATION);
    }

    @Test
    void firstPlacementAndSameClusterAreNotMigrations() throws Exception {
        send(placement("carbon-kr", ROUND_1, true, WorkloadPhase.RUNNING));
        send(placement("carbon-kr", ROUND_2, true, WorkloadPhase.RUNNING));
        assertThat(relocations()).isEmpty();
        assertThat(harness.extractOutputValues()).extracting(Placement::migratedFrom).containsOnlyNulls();
    }

    @Test
    void aHeldPlanIsNotADispatch() throws Exception {
        send(placement("carbon-kr", ROUND_1, false, WorkloadPhase.PENDING));
        send(placement("carbon-jp", ROUND_2, true, WorkloadPhase.RUNNING));
        assertThat(relocations()).isEmpty();
    }

    @Test
    void migrationIsPricedPublishedAndStampedFromThenOn() throws Exception {
        send(placement("carbon-kr", ROUND_1, true, WorkloadPhase.RUNNING));
        send(placement("carbon-jp", ROUND_2, true, WorkloadPhase.RUNNING));
        send(placement("carbon-jp", ROUND_2 + 5 * MINUTE, true, WorkloadPhase.RUNNING));

        assertThat(relocations()).singleElement().satisfies(event -> {
            assertThat(event.workloadId()).isEqualTo("job-123");
            assertThat(event.relocation().fromCluster()).isEqualTo("carbon-kr");
            assertThat(event.relocation().toCluster()).isEqualTo("carbon-jp");
            assertThat(event.relocation().migrationCostG()).isEqualTo(125.0);
            assertThat(event.relocation().dataGb()).isEqualTo(50.0);
            assertThat(event.relocation().netSavingG()).isEqualTo(700.0 - 125.0);
            assertThat(event.relocation().migrationTimeSeconds()).as("not measured: unknown, not 0").isNull();
            assertThat(event.relocation().downtimeSeconds()).as("not measured: unknown, not 0").isNull();
        });
        List<Placement> out = harness.extractOutputValues();
        assertThat(out.get(0).migratedFrom()).isNull();
        assertThat(out.get(1).migratedFrom()).isEqualTo("carbon-kr");
        assertThat(out.get(1).migrationTimeMillis()).isEqualTo(ROUND_2);
        assertThat(out.get(2).migratedFrom()).isEqualTo("carbon-kr");
    }

    @Test
    void stateAndTimerAreClearedWhenTheWorkloadCompletes() throws Exception {
        send(placement("carbon-kr", ROUND_1, true, WorkloadPhase.RUNNING));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        send(placement("carbon-kr", ROUND_2, false, WorkloadPhase.COMPLETED));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void stateAndTimerAreClearedWhenTheWorkloadIsCancelled() throws Exception {
        send(placement("carbon-kr", ROUND_1, true, WorkloadPhase.RUNNING));
        send(placement("carbon-jp", ROUND_2, true, WorkloadPhase.RUNNING));
        send(placement("carbon-jp", ROUND_2 + 5 * MINUTE, false, WorkloadPhase.CANCELLED));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        // the final record still says where it came from
        assertThat(harness.extractOutputValues().get(2).migratedFrom()).isEqualTo("carbon-kr");
    }

    @Test
    void stateOfAWorkloadNeverSeenToEndIsDroppedAfterItsDeadline() throws Exception {
        Placement p = placement("carbon-kr", ROUND_1, true, WorkloadPhase.RUNNING);
        send(p);
        harness.processWatermark(p.deadlineMillis() + MigrationDetector.RETENTION_AFTER_DEADLINE_MILLIS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
