package io.caspian.functions;

import static io.caspian.testing.Fixtures.MINUTE;
import static io.caspian.testing.Fixtures.ROUND_1;
import static io.caspian.testing.Fixtures.ROUND_2;
import static io.caspian.testing.Fixtures.T1;
import static io.caspian.testing.Fixtures.T2;
import static io.caspian.testing.Fixtures.config;
import static io.caspian.testing.Fixtures.ended;
import static io.caspian.testing.Fixtures.in;
import static io.caspian.testing.Fixtures.reading;
import static io.caspian.testing.Fixtures.seedClusters;
import static io.caspian.testing.Fixtures.spec;
import static io.caspian.testing.Fixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlacementRoundsTest {

    /** The seed's workload: 16 cores for 240 minutes with 50 GB of data. */
    private static final WorkloadSpec SEED_JOB = spec(16, 50, 240, 480);
    /** One core for an hour: moving it saves far less than the 100 g a move costs. */
    private static final WorkloadSpec SMALL_JOB = spec(1, 0, 60, 480);
    /** 16 cores x 30 W + 64 GB x 0.392 W, the default energy model. */
    private static final double SEED_JOB_KW = (16 * 30 + 64 * 0.392) / 1000.0;

    private KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(config())),
                input -> "default", Types.STRING);
        harness.open();
        for (Cluster cluster : seedClusters(T1 - MINUTE)) {
            send(in(cluster));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(SchedulerInput input) throws Exception {
        harness.processElement(new StreamRecord<>(input, input.timestampMillis()));
    }

    private void seedReadings() throws Exception {
        send(in(reading("KR", 400, T1)));
        send(in(reading("JP", 450, T1)));
        send(in(reading("CN", 550, T1)));
    }

    private void secondReadings() throws Exception {
        send(in(reading("KR", 700, T2)));
        send(in(reading("JP", 300, T2)));
        send(in(reading("CN", 600, T2)));
    }

    private List<Placement> placementsOf(String job, long round) {
        return harness.extractOutputValues().stream().filter(p -> p.jobId().equals(job) && p.roundMillis() == round).toList();
    }

    private List<DeadLetter> deadLetters() {
        var queue = harness.getSideOutput(OutputTags.DEAD_LETTERS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    private List<AuditEvent> decisions() {
        var queue = harness.getSideOutput(OutputTags.AUDIT_EVENTS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue)
                .filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION).toList();
    }

    @Test
    void aRestoredRoundCarriesOnWithTheTotalsItWasCheckpointedWith() throws Exception {
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        send(in(submitted("short", spec(1, 0, 25, 480), T1 + 40_000)));
        for (int round = 1; round <= 2; round++) {
            readingsAndRound(harness, round);
        }
        var checkpoint = harness.snapshot(1L, ROUND_2);
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(config())),
                (SchedulerInput input) -> "default", Types.STRING)) {
            restored.initializeState(checkpoint);
            restored.open();
            for (int round = 3; round <= 7; round++) {
                readingsAndRound(harness, round);
                readingsAndRound(restored, round);
            }
            List<io.caspian.events.RoundSummary> uninterrupted = summariesAfter(harness, ROUND_2);
            // every figure alike but the solver's wall-clock time, which no two runs share
            assertThat(summariesAfter(restored, ROUND_2)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("solverMillis")
                    .isEqualTo(uninterrupted).hasSize(5);
            assertThat(uninterrupted).allSatisfy(summary -> assertThat(summary.emittedCo2G()).isPositive());
            Placement ended = harness.extractOutputValues().stream().filter(p -> p.jobId().equals("short") && p.phase().terminal())
                    .findFirst().orElseThrow();
            assertThat(restored.extractOutputValues()).filteredOn(p -> p.jobId().equals("short") && p.phase().terminal())
                    .singleElement().satisfies(p -> {
                        assertThat(p.emittedCo2G()).as("emitted over its whole run, before the checkpoint too")
                                .isEqualTo(ended.emittedCo2G()).isPositive();
                        assertThat(p.baselineCo2G()).isEqualTo(ended.baselineCo2G());
                    });
        }
    }

    /**
     * Inputs buffered when a checkpoint is taken keep their place after a restore: readings of one zone at
     * one instant apply in the order they came, so the one that came after the restore is in force.
     */
    @Test
    void inputsBufferedAtACheckpointKeepTheirOrderAfterARestore() throws Exception {
        send(in(reading("KR", 100, T1)));
        send(in(reading("KR", 200, T1)));
        var checkpoint = harness.snapshot(1L, T1);
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(config())),
                (SchedulerInput input) -> "default", Types.STRING)) {
            restored.initializeState(checkpoint);
            restored.open();
            for (var into : List.of(harness, restored)) {
                for (SchedulerInput input : List.of(in(reading("KR", 900, T1)), in(reading("JP", 450, T1)),
                        in(reading("CN", 550, T1)), in(submitted("job-123", SEED_JOB, T1 + 30_000)))) {
                    into.processElement(new StreamRecord<>(input, input.timestampMillis()));
                }
                into.processWatermark(ROUND_1);
            }
            List<Alternative> uninterrupted = decisionsOf(harness).get(0).decision().alternatives();
            assertThat(decisionsOf(restored)).singleElement()
                    .satisfies(decision -> assertThat(decision.decision().alternatives()).isEqualTo(uninterrupted));
            // KR's last reading (900 g) priced it above JP (450 g): not one of the two buffered before
            assertThat(carbonOn(uninterrupted, "carbon-kr")).isGreaterThan(carbonOn(uninterrupted, "carbon-jp"));
        }
    }

    private static List<AuditEvent> decisionsOf(KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> of) {
        return of.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue)
                .filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION).toList();
    }

    private static double carbonOn(List<Alternative> alternatives, String cluster) {
        return alternatives.stream().filter(a -> a.cluster().equals(cluster)).findFirst().orElseThrow().carbonG();
    }

    /** Readings of the three zones in round n's interval, then round n (five minutes each, from T1). */
    private static void readingsAndRound(KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> into, int n)
            throws Exception {
        long at = T1 + (n - 1) * 5 * MINUTE;
        for (SchedulerInput input : List.of(in(reading("KR", 400 + 10 * n, at)), in(reading("JP", 450 - 10 * n, at)),
                in(reading("CN", 550, at)))) {
            into.processElement(new StreamRecord<>(input, input.timestampMillis()));
        }
        into.processWatermark(T1 + n * 5 * MINUTE);
    }

    private static List<io.caspian.events.RoundSummary> summariesAfter(
            KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> of, long round) {
        return of.getSideOutput(OutputTags.ROUND_SUMMARIES).stream().map(StreamRecord::getValue)
                .filter(summary -> summary.roundMillis() > round).toList();
    }

    @Test
    void seedScenarioPlacesOnKoreaThenMovesToJapanAgainstThePreviousPlacement() throws Exception {
        seedReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        assertThat(placementsOf("job-123", ROUND_1)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
            assertThat(p.gateOpen()).isTrue();
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.scheduledAtMillis()).isEqualTo(ROUND_1);
            assertThat(p.previousCluster()).isNull();
        });

        secondReadings();
        harness.processWatermark(ROUND_2);
        assertThat(placementsOf("job-123", ROUND_2)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-jp");
            assertThat(p.previousCluster()).isEqualTo("carbon-kr");
            assertThat(p.migrationCostG()).isEqualTo(125.0);
            // saving over the remaining 235 min at the seed job's power, (700 - 300) g/kWh
            assertThat(p.carbonSavingG()).isCloseTo(SEED_JOB_KW * 235 / 60.0 * 400, offset(0.001));
            assertThat(p.remainingMinutes()).isEqualTo(235.0);
        });
        assertThat(decisions()).extracting(e -> e.decision().outcome()).containsExactly("dispatched", "migrated");
        AuditEvent migrated = decisions().get(1);
        assertThat(migrated.decision().alternatives()).hasSize(3)
                .anySatisfy(a -> assertThat(a.cluster()).isEqualTo("carbon-kr"));
        // the default solver, auto, proves a round this roomy optimal without CP-SAT: every workload takes
        // its own cheapest choice, so no plan can do better
        assertThat(migrated.decision().solver()).isEqualTo(io.caspian.optimizer.GreedyOptimizer.NAME);
        assertThat(migrated.decision().solverStatus()).isEqualTo(io.caspian.optimizer.AutoOptimizer.UNCONSTRAINED);
    }

    /**
     * A tenant's own policy prices its moves out of reach and a label's sends its baseline home to
     * carbon-cn: in the same round the tenant's workload stays on carbon-kr while an identical workload
     * of another tenant moves to carbon-jp, and each names the version it was planned under.
     */
    @Test
    void aTenantsOwnPolicyAppliesToItsWorkloadsOnly() throws Exception {
        // versions rise in event time: at one instant documents apply in scope-name order
        send(in(policy(1, "tenant:frugal", T1 - MINUTE, "{\"migration\":{\"lambda-gco2\":100000}}")));
        send(in(policy(2, "label:team=ml", T1, "{\"baseline\":{\"home-cluster\":\"carbon-cn\"}}")));
        seedReadings();
        send(in(submitted("frugal-job", withTenant(SEED_JOB, "frugal", java.util.Map.of()), T1 + 30_000)));
        send(in(submitted("other-job", withTenant(SEED_JOB, "other", java.util.Map.of("team", "ml")), T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        assertThat(placementsOf("frugal-job", ROUND_1)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
            assertThat(p.policyVersion()).isEqualTo(1);
        });
        assertThat(placementsOf("other-job", ROUND_1)).singleElement().satisfies(p -> assertThat(p.policyVersion()).isEqualTo(2));

        secondReadings();
        harness.processWatermark(ROUND_2);
        assertThat(placementsOf("frugal-job", ROUND_2)).as("its move would cost 100,000 g").isEmpty();
        assertThat(placementsOf("other-job", ROUND_2)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-jp");
            assertThat(p.migrationCostG()).isEqualTo(125.0);
        });
        // the label's home: the baseline of other-job is accounted on carbon-cn (CN at 550-600 g/kWh, the dirtiest)
        java.util.Map<String, Double> baselines = new java.util.HashMap<>();
        harness.extractOutputValues().forEach(p -> baselines.put(p.jobId(), p.baselineCo2G()));
        assertThat(baselines.get("other-job")).isGreaterThan(baselines.get("frugal-job"));
        assertThat(harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue)
                .filter(e -> e.eventType() == AuditEventType.POLICY_CHANGE))
                .extracting(e -> e.policyChange().scope()).containsExactly("tenant:frugal", "label:team=ml");
    }

    private static WorkloadSpec withTenant(WorkloadSpec spec, String tenant, java.util.Map<String, String> labels) {
        return new WorkloadSpec(spec.cpu(), spec.memGb(), spec.gpu(), spec.dataGb(), spec.runtimeMinutes(), spec.deadlineMinutes(),
                spec.affinityClusters(), spec.image(), spec.command(), spec.homeCluster(), tenant, labels);
    }

    private static io.caspian.events.PolicyDocument policy(long version, String scope, long at, String settings) throws Exception {
        return io.caspian.policy.PolicyDocumentJson.parse("{\"version\":" + version + ",\"scope\":\"" + scope
                + "\",\"timestamp\":" + at + ",\"settings\":" + settings + "}");
    }

    @Test
    void smallWorkloadDoesNotMoveWhenTheSavingIsBelowTheMigrationCost() throws Exception {
        seedReadings();
        send(in(submitted("small", SMALL_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        secondReadings();
        harness.processWatermark(ROUND_2);
        harness.processWatermark(ROUND_2 + 5 * MINUTE);
        assertThat(harness.extractOutputValues()).filteredOn(p -> p.jobId().equals("small"))
                .extracting(Placement::targetCluster).containsOnly("carbon-kr");
    }

    @Test
    void aRoundOnlySeesInputsBeforeItsTime() throws Exception {
        // the T2 readings carry the round-2 boundary's own time: they belong to round 2, not round 1
        seedReadings();
        secondReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        assertThat(placementsOf("job-123", ROUND_1)).extracting(Placement::targetCluster).containsExactly("carbon-kr");
    }

    @Test
    void lateDuplicateAndUnknownClusterRecordsAreDeadLettered() throws Exception {
        seedReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        send(in(submitted("job-123", SMALL_JOB, T1 + 60_000)));
        WorkloadSpec elsewhere = new WorkloadSpec(1, 1, 0, 0, 10, 20, List.of("carbon-us"), null, List.of(), null);
        send(in(submitted("lost", elsewhere, T1 + 60_000)));
        harness.processWatermark(ROUND_1);
        send(in(reading("KR", 420, T1 + 2 * MINUTE)));

        assertThat(deadLetters()).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder("duplicate_submission", "unknown_cluster", "late");
        assertThat(deadLetters()).filteredOn(d -> d.reason().equals("unknown_cluster")).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("carbon-us").contains("carbon-kr"));
        assertThat(harness.extractOutputValues()).extracting(Placement::jobId).doesNotContain("lost");
    }

    @Test
    void zoneWithoutFreshDataIsLeftOutNotReadAsZero() throws Exception {
        // only JP and CN report; KR has no data at all and must not look free of carbon
        send(in(reading("JP", 450, T1)));
        send(in(reading("CN", 550, T1)));
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        assertThat(placementsOf("job-123", ROUND_1)).extracting(Placement::targetCluster).containsExactly("carbon-jp");
    }

    @Test
    void completedWorkloadLeavesTheRoundsAndTheRoundsStop() throws Exception {
        seedReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        send(in(ended("job-123", WorkloadAction.COMPLETED, ROUND_1 + MINUTE)));
        harness.processWatermark(ROUND_2);
        assertThat(placementsOf("job-123", ROUND_2)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.COMPLETED);
            assertThat(p.endedMillis()).isEqualTo(ROUND_1 + MINUTE);
            // one minute at 400 g/kWh, accounted with the measured reading
            assertThat(p.emittedCo2G()).isCloseTo(SEED_JOB_KW / 60.0 * 400, offset(0.001));
        });
        int before = harness.extractOutputValues().size();
        harness.processWatermark(ROUND_2 + 60 * MINUTE);
        assertThat(harness.extractOutputValues()).hasSize(before);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReadingStampedWithItsClustersRegistrationIsNotRefused() throws Exception {
        // the reading reaches the operator before the registration it depends on, at the same instant
        send(in(reading("SG", 400, T1)));
        send(in(io.caspian.testing.Fixtures.cluster("carbon-sg", "SG", 64, T1)));
        harness.processWatermark(ROUND_1);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aCompletionFromTheClusterAWorkloadMovedAwayFromDoesNotEndIt() throws Exception {
        seedReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1);
        secondReadings();
        harness.processWatermark(ROUND_2); // moved to carbon-jp
        send(in(new io.caspian.events.WorkloadEvent("job-123", WorkloadAction.COMPLETED, ROUND_2 + MINUTE, null,
                "carbon-kr")));
        harness.processWatermark(ROUND_2 + 5 * MINUTE);

        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("stale_report");
            assertThat(d.detail()).contains("carbon-kr").contains("runs on carbon-jp");
        });
        // still running on carbon-jp: its plan did not change, so no placement, and the round counts it as running
        assertThat(placementsOf("job-123", ROUND_2 + 5 * MINUTE)).isEmpty();
        assertThat(summaryOf(ROUND_2 + 5 * MINUTE).running()).isEqualTo(1);
        assertThat(summaryOf(ROUND_2 + 5 * MINUTE).ended()).isZero();
    }

    @Test
    void aPlacementIsPublishedWhenThePlanChangesAndEveryRoundIsSummarised() throws Exception {
        seedReadings();
        send(in(submitted("job-123", SEED_JOB, T1 + 30_000)));
        harness.processWatermark(ROUND_1); // dispatched on carbon-kr
        for (int round = 1; round <= 3; round++) { // the same intensities: nothing to change
            long at = ROUND_1 + round * 5 * MINUTE;
            send(in(reading("KR", 400, at - MINUTE)));
            send(in(reading("JP", 450, at - MINUTE)));
            send(in(reading("CN", 550, at - MINUTE)));
            harness.processWatermark(at);
        }
        send(in(new io.caspian.events.WorkloadEvent("job-123", WorkloadAction.COMPLETED, ROUND_1 + 16 * MINUTE, null,
                "carbon-kr")));
        harness.processWatermark(ROUND_1 + 20 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(Placement::roundMillis, Placement::phase).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ROUND_1, WorkloadPhase.RUNNING),
                org.assertj.core.groups.Tuple.tuple(ROUND_1 + 20 * MINUTE, WorkloadPhase.COMPLETED));
        // the registrations' own round at T1 had nothing to plan; it is summarised too
        assertThat(summaryOf(T1).pending() + summaryOf(T1).running()).isZero();
        List<io.caspian.events.RoundSummary> summaries = summaries().stream().filter(s -> s.roundMillis() >= ROUND_1).toList();
        assertThat(summaries).extracting(io.caspian.events.RoundSummary::roundMillis).containsExactly(ROUND_1, ROUND_1 + 5 * MINUTE,
                ROUND_1 + 10 * MINUTE, ROUND_1 + 15 * MINUTE, ROUND_1 + 20 * MINUTE);
        assertThat(summaries).extracting(io.caspian.events.RoundSummary::placements).containsExactly(1, 0, 0, 0, 1);
        io.caspian.events.RoundSummary steady = summaries.get(2);
        assertThat(steady.running()).isEqualTo(1);
        assertThat(steady.clusters()).extracting(io.caspian.events.RoundSummary.ClusterRound::cluster)
                .containsExactly("carbon-cn", "carbon-jp", "carbon-kr");
        var kr = steady.clusters().get(2);
        assertThat(kr.workloads()).isEqualTo(1);
        assertThat(kr.powerWatts()).isCloseTo(SEED_JOB_KW * 1000, offset(0.001));
        // five minutes at 400 g/kWh, on carbon-kr and in the whole domain
        assertThat(kr.emittedCo2G()).isCloseTo(SEED_JOB_KW * 5 / 60.0 * 400, offset(0.001));
        assertThat(steady.emittedCo2G()).isCloseTo(kr.emittedCo2G(), offset(1e-9));
        // the summaries add up to the workload's final total, which its terminal placement carries
        Placement terminal = harness.extractOutputValues().get(1);
        assertThat(summaries.stream().mapToDouble(io.caspian.events.RoundSummary::emittedCo2G).sum())
                .isCloseTo(terminal.emittedCo2G(), offset(1e-9));
        assertThat(summaries.stream().mapToDouble(io.caspian.events.RoundSummary::baselineCo2G).sum())
                .isCloseTo(terminal.baselineCo2G(), offset(1e-9));
    }

    private List<io.caspian.events.RoundSummary> summaries() {
        var queue = harness.getSideOutput(OutputTags.ROUND_SUMMARIES);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    private io.caspian.events.RoundSummary summaryOf(long round) {
        return summaries().stream().filter(s -> s.roundMillis() == round).findFirst().orElseThrow();
    }

    @Test
    void roundBoundariesAreHalfOpen() {
        long interval = 5 * MINUTE;
        assertThat(PlacementRounds.roundFor(T1, interval)).isEqualTo(T1 + interval);
        assertThat(PlacementRounds.roundFor(T1 + interval - 1, interval)).isEqualTo(T1 + interval);
    }
}
