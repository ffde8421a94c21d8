package io.caspian.functions;

import static io.caspian.testing.Fixtures.MINUTE;
import static io.caspian.testing.Fixtures.T1;
import static io.caspian.testing.Fixtures.config;
import static io.caspian.testing.Fixtures.in;
import static io.caspian.testing.Fixtures.reading;
import static io.caspian.testing.Fixtures.seedClusters;
import static io.caspian.testing.Fixtures.spec;
import static io.caspian.testing.Fixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.DispatchFeedback;
import io.caspian.events.Placement;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The placement rounds with dispatch on, taking the dispatcher's outcomes as inputs: a failed start
 * goes back to pending and is planned again after its back-off, too many failures end the workload
 * {@code failed} with the reason, and a failed move leaves it on its source, whose completion counts.
 */
class DispatchLoopRoundsTest {

    private static final long ROUND = 5 * MINUTE;
    private static final String JOB = "job-123";
    /** The seed's workload: 16 cores for 240 minutes with 50 GB of data. */
    private static final WorkloadSpec SEED_JOB = spec(16, 50, 240, 480);

    private KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(config(Map.of(
                "kubernetes.enabled", "true",
                "kubernetes.dispatch-attempts", "2",
                "kubernetes.dispatch-retry-backoff", "5 min",
                "scheduler.complete-after-runtime", "false")))),
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

    @Test
    void aFailedStartGoesBackToPendingAndIsPlacedAgainAfterItsBackOff() throws Exception {
        startOnKorea();
        send(in(failed(round(1), "carbon-kr", null, round(1) + 10_000)));
        runRound(2, 400, 450);
        assertThat(placementsAt(2)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.PENDING);
            assertThat(p.targetCluster()).isNull();
            assertThat(p.gateOpen()).isFalse();
            assertThat(p.gateReason()).contains("dispatch 1 failed").contains("kubernetes_api_error on carbon-kr: etcd is down")
                    .contains("planned again from " + java.time.Instant.ofEpochMilli(round(2) + 10_000));
        });

        runRound(3, 400, 450);
        assertThat(placementsAt(3)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
            assertThat(p.gateOpen()).isTrue();
            assertThat(p.scheduledAtMillis()).as("started by the dispatch that worked").isEqualTo(round(3));
        });
        assertThat(decisions()).extracting(e -> e.decision().outcome()).containsExactly("dispatched", "dispatched");

        send(in(dispatched(round(3), "carbon-kr", null, round(3) + 5_000)));
        runRound(4, 400, 450);
        assertThat(placementsAt(4)).as("placed and settled: nothing changes").isEmpty();
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void tooManyFailedStartsEndTheWorkloadFailedWithTheReason() throws Exception {
        startOnKorea();
        send(in(failed(round(1), "carbon-kr", null, round(1) + 10_000)));
        runRound(2, 400, 450);
        runRound(3, 400, 450);
        assertThat(placementsAt(3)).singleElement().extracting(Placement::phase).isEqualTo(WorkloadPhase.RUNNING);
        // a repeat of the first outcome (after a restart) is about a dispatch no longer awaited: it changes nothing
        send(in(failed(round(1), "carbon-kr", null, round(3) + 1_000)));
        send(in(failed(round(3), "carbon-kr", null, round(3) + 10_000)));
        runRound(4, 400, 450);

        assertThat(placementsAt(4)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.FAILED);
            assertThat(p.gateReason()).isEqualTo("dispatch failed 2 time(s); the last: kubernetes_api_error on carbon-kr: etcd is down");
        });
        assertThat(decisions()).last().satisfies(e -> {
            assertThat(e.timestampMillis()).isEqualTo(round(4));
            assertThat(e.decision().outcome()).isEqualTo("failed");
            assertThat(e.decision().reason()).contains("dispatch failed 2 time(s)").contains("etcd is down");
            assertThat(e.decision().selectedCluster()).isNull();
        });
        runRound(5, 400, 450);
        assertThat(placementsAt(5)).as("ended: no longer planned").isEmpty();
    }

    @Test
    void aFailedMoveLeavesItOnItsSourceWhoseCompletionCounts() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 700, 300);
        assertThat(placementsAt(2)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-jp");
            assertThat(p.previousCluster()).isEqualTo("carbon-kr");
        });

        send(in(failed(round(2), "carbon-jp", "carbon-kr", round(2) + 20_000)));
        runRound(3, 700, 300);
        assertThat(placementsAt(3)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).as("back on its source, though Japan is still greener").isEqualTo("carbon-kr");
            assertThat(p.previousCluster()).isEqualTo("carbon-kr");
            assertThat(p.gateReason()).startsWith("kept on carbon-kr: its move failed (kubernetes_api_error on carbon-jp");
        });

        send(in(reported(WorkloadAction.COMPLETED, "carbon-kr", round(3) + 60_000)));
        runRound(4, 700, 300);
        assertThat(placementsAt(4)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.COMPLETED);
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
        });
        assertThat(deadLetters()).extracting(DeadLetter::reason).doesNotContain("stale_report");
    }

    @Test
    void aWorkloadKeptOnItsSourceAfterFailedMovesStillMovesWhenItsClusterGoes() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 700, 300);
        send(in(failed(round(2), "carbon-jp", "carbon-kr", round(2) + 20_000)));
        runRound(3, 700, 300);
        runRound(4, 700, 300);
        assertThat(placementsAt(4)).singleElement().extracting(Placement::targetCluster).isEqualTo("carbon-jp");
        send(in(failed(round(4), "carbon-jp", "carbon-kr", round(4) + 20_000)));
        runRound(5, 700, 300);
        assertThat(placementsAt(5)).singleElement().satisfies(p -> assertThat(p.gateReason())
                .startsWith("kept on carbon-kr: its move failed").endsWith("not moved again before "
                        + java.time.Instant.ofEpochMilli(T1 + 30_000 + 480 * MINUTE)));
        runRound(6, 700, 300);
        assertThat(placementsAt(6)).as("no more moves once they failed too often").isEmpty();

        Cluster korea = seedClusters(round(6)).get(0);
        send(in(new Cluster(korea.name(), korea.geolocation(), korea.total(), korea.available(), korea.kubeconfigContext(),
                io.caspian.events.ClusterStatus.DELETED, round(6) + 10_000)));
        runRound(7, 700, 300);
        assertThat(placementsAt(7)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).as("its cluster is gone: it moves").isEqualTo("carbon-jp");
        });
    }

    @Test
    void theSourceCompletingWhileItsMoveIsUnconfirmedCounts() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 700, 300);
        assertThat(placementsAt(2)).singleElement().extracting(Placement::targetCluster).isEqualTo("carbon-jp");

        send(in(reported(WorkloadAction.COMPLETED, "carbon-kr", round(2) + 30_000)));
        runRound(3, 700, 300);
        assertThat(placementsAt(3)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.COMPLETED);
            assertThat(p.targetCluster()).as("where it ran to its end").isEqualTo("carbon-kr");
        });
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aCompletionFromTheSourceAfterAConfirmedMoveIsStillRefused() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 700, 300);
        send(in(dispatched(round(2), "carbon-jp", "carbon-kr", round(2) + 20_000)));
        send(in(reported(WorkloadAction.COMPLETED, "carbon-kr", round(2) + 30_000)));
        runRound(3, 700, 300);
        assertThat(placementsAt(3)).isEmpty();
        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly("stale_report");
    }

    @Test
    void anOutcomeArrivingAfterItsRoundRanIsTakenAtTheNextRound() throws Exception {
        startOnKorea();
        runRound(2, 400, 450);
        // observed before round 2 ended, but it reached the rounds after round 2 had run
        send(in(failed(round(1), "carbon-kr", null, round(1) + 30_000)));
        runRound(3, 400, 450);
        // its back-off (5 min from when the failure was seen) has passed: planned and dispatched again at once
        assertThat(placementsAt(3)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
            assertThat(p.gateOpen()).isTrue();
        });
        assertThat(decisions()).extracting(e -> e.decision().outcome()).containsExactly("dispatched", "dispatched");
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aClustersReportArrivingAfterItsRoundRanIsTakenAtTheNextRound() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 400, 450);
        // seen by a status poll before round 2 ended, but it reached the rounds after round 2 had run
        send(in(WorkloadEvent.feedback(JOB, WorkloadAction.COMPLETED, round(2) - 10_000, "carbon-kr",
                DispatchFeedback.started(round(1) + 3_000))));
        runRound(3, 400, 450);
        assertThat(placementsAt(3)).singleElement().extracting(Placement::phase).isEqualTo(WorkloadPhase.COMPLETED);
        assertThat(deadLetters()).isEmpty();

        // a record of the workloads topic is still held to its time
        send(in(new WorkloadEvent("someone-else", WorkloadAction.COMPLETED, round(3) - 10_000, null, "carbon-kr")));
        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly("late");
    }

    @Test
    void aStartWhoseOutcomeNeverComesFailsAtTheTimeoutAndALateOutcomeChangesNothing() throws Exception {
        startOnKorea();
        runRound(2, 400, 450);
        assertThat(placementsAt(2)).as("its outcome is awaited: nothing changes").isEmpty();

        runRound(3, 400, 450); // kubernetes.outcome-timeout (10 min) after the dispatch at round 1
        assertThat(placementsAt(3)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.PENDING);
            assertThat(p.targetCluster()).isNull();
            assertThat(p.gateReason()).contains("dispatch 1 failed (no_outcome on carbon-kr: no outcome of the dispatch at "
                    + java.time.Instant.ofEpochMilli(round(1)) + " within 600 s")
                    .contains("planned again from " + java.time.Instant.ofEpochMilli(round(3) + ROUND));
        });

        runRound(4, 400, 450);
        assertThat(placementsAt(4)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
        });
        // the first dispatch's outcome, long overdue, is about a dispatch no longer awaited
        send(in(dispatched(round(1), "carbon-kr", null, round(4) + 5_000)));
        runRound(5, 400, 450);
        assertThat(placementsAt(5)).isEmpty();
        assertThat(decisions()).extracting(e -> e.decision().outcome()).containsExactly("dispatched", "dispatched");
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aMoveWhoseOutcomeNeverComesLeavesItOnItsSourceAtTheTimeout() throws Exception {
        startOnKorea();
        send(in(dispatched(round(1), "carbon-kr", null, round(1) + 5_000)));
        runRound(2, 700, 300);
        assertThat(placementsAt(2)).singleElement().extracting(Placement::targetCluster).isEqualTo("carbon-jp");
        runRound(3, 700, 300);
        assertThat(placementsAt(3)).as("the move's outcome is awaited").isEmpty();

        runRound(4, 700, 300);
        assertThat(placementsAt(4)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
            assertThat(p.targetCluster()).as("back on its source, where its Job kept running").isEqualTo("carbon-kr");
            assertThat(p.gateReason()).startsWith("kept on carbon-kr: its move failed (no_outcome on carbon-jp");
        });
    }

    private void startOnKorea() throws Exception {
        send(in(reading("KR", 400, T1)));
        send(in(reading("JP", 450, T1)));
        send(in(reading("CN", 550, T1)));
        send(in(submitted(JOB, SEED_JOB, T1 + 30_000)));
        harness.processWatermark(round(1));
        assertThat(placementsAt(1)).singleElement().satisfies(p -> {
            assertThat(p.targetCluster()).isEqualTo("carbon-kr");
            assertThat(p.phase()).isEqualTo(WorkloadPhase.RUNNING);
        });
    }

    /** Readings within round n (KR and JP as given, CN the dirtiest), then round n. */
    private void runRound(int n, double kr, double jp) throws Exception {
        long at = round(n) - ROUND;
        send(in(reading("KR", kr, at)));
        send(in(reading("JP", jp, at)));
        send(in(reading("CN", 600, at)));
        harness.processWatermark(round(n));
    }

    private static long round(int n) {
        return T1 + n * ROUND;
    }

    private static WorkloadEvent failed(long round, String cluster, String source, long at) {
        return WorkloadEvent.feedback(JOB, WorkloadAction.DISPATCH_FAILED, at, cluster,
                DispatchFeedback.failed(round, source, "kubernetes_api_error", "etcd is down"));
    }

    private static WorkloadEvent dispatched(long round, String cluster, String source, long at) {
        return WorkloadEvent.feedback(JOB, WorkloadAction.DISPATCHED, at, cluster, DispatchFeedback.dispatched(round, source));
    }

    private static WorkloadEvent reported(WorkloadAction action, String cluster, long at) {
        return new WorkloadEvent(JOB, action, at, null, cluster);
    }

    private void send(SchedulerInput input) throws Exception {
        harness.processElement(new StreamRecord<>(input, input.timestampMillis()));
    }

    private List<Placement> placementsAt(int n) {
        return harness.extractOutputValues().stream().filter(p -> p.jobId().equals(JOB) && p.roundMillis() == round(n)).toList();
    }

    private List<DeadLetter> deadLetters() {
        var queue = harness.getSideOutput(OutputTags.DEAD_LETTERS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    private List<AuditEvent> decisions() {
        var queue = harness.getSideOutput(OutputTags.AUDIT_EVENTS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue)
                .filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION && JOB.equals(e.workloadId())).toList();
    }
}
