package io.caspian.workflows;

import static io.caspian.testing.Fixtures.ROUND_1;
import static io.caspian.testing.Fixtures.ROUND_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.DeadLetter;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.Placement;
import io.caspian.events.RawRecord;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.json.AuditEventJson;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.RunSummary;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.Fixtures;
import io.caspian.testing.LogCapture;
import io.caspian.testing.ScenarioRuns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a MiniCluster at parallelism 2, fed the seed scenario and the demo's background. */
class CaspianWorkflowTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static CollectedOutputs outputs;
    private static List<String> log;

    @BeforeAll
    static void runTheScenario() throws Exception {
        CaspianConfig config = Fixtures.config();
        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        CaspianWorkflow.Sources sources = ScenarioRuns.seedScenario(env);
        try (LogCapture capture = new LogCapture()) {
            outputs = BoundedRun.execute(env, CaspianWorkflow.build(config, sources), "workflow-test", output -> { });
            log = capture.lines();
        }
    }

    private static List<Placement> seedJob() {
        return outputs.placements.stream().filter(p -> p.jobId().equals(DemoScenario.SEED_JOB)).toList();
    }

    private static Placement seedJobAt(long round) {
        return seedJob().stream().filter(p -> p.roundMillis() == round).findFirst().orElseThrow();
    }

    @Test
    void seedWorkloadIsPlacedOnKoreaAtTheFirstRound() {
        Placement first = seedJobAt(ROUND_1);
        assertThat(first.targetCluster()).isEqualTo("carbon-kr");
        assertThat(first.gateOpen()).isTrue();
        assertThat(first.migratedFrom()).isNull();
    }

    @Test
    void seedWorkloadMigratesToJapanFiveMinutesLaterAndKeepsTheMigrationMetadata() {
        Placement moved = seedJobAt(ROUND_2);
        assertThat(moved.targetCluster()).isEqualTo("carbon-jp");
        assertThat(moved.migratedFrom()).isEqualTo("carbon-kr");
        assertThat(moved.migrationTimeMillis()).isEqualTo(ROUND_2);
        assertThat(seedJob()).filteredOn(p -> p.roundMillis() > ROUND_2).isNotEmpty()
                .allSatisfy(p -> assertThat(p.migratedFrom()).isEqualTo("carbon-kr"));
    }

    @Test
    void migrationIsLoggedInTheSeedsFormatWithTheCostOfTheFormula() {
        // lambda 100 g + 0.5 g/GB (shipped matrix, kr -> jp) x 50 GB
        assertThat(log).contains("MIGRATION detected for migration-test: carbon-kr -> carbon-jp, data=50.00GB, cost=125.00gCO2");
    }

    @Test
    void migrationIsPublishedAsAWorkloadRelocationEvent() {
        List<AuditEvent> relocations = outputs.auditEvents.stream()
                .filter(e -> e.eventType() == AuditEventType.WORKLOAD_RELOCATION
                        && e.workloadId().equals(DemoScenario.SEED_JOB))
                .toList();
        assertThat(relocations).singleElement().satisfies(e -> {
            assertThat(e.timestampMillis()).isEqualTo(ROUND_2);
            assertThat(e.relocation().fromCluster()).isEqualTo("carbon-kr");
            assertThat(e.relocation().toCluster()).isEqualTo("carbon-jp");
            assertThat(e.relocation().dataGb()).isEqualTo(50.0);
            assertThat(e.relocation().migrationCostG()).isEqualTo(125.0);
            assertThat(e.relocation().carbonSavingG()).isGreaterThan(e.relocation().migrationCostG());
            assertThat(e.relocation().trigger()).isEqualTo("carbon_intensity_change");
            assertThat(e.eventId()).isNotBlank();
            // nothing measures the move with dispatch off: unknown, not zero
            assertThat(e.relocation().migrationTimeSeconds()).isNull();
            assertThat(e.relocation().downtimeSeconds()).isNull();
            JsonNode json = AuditEventJson.toNode(e);
            assertThat(json.get("migration_time_seconds").isNull()).isTrue();
            assertThat(json.get("downtime_seconds").isNull()).isTrue();
        });
    }

    @Test
    void everyMoveTheOptimizerMakesSavesMoreThanItCosts() {
        assertThat(outputs.auditEvents).filteredOn(e -> e.eventType() == AuditEventType.WORKLOAD_RELOCATION)
                .allSatisfy(e -> assertThat(e.relocation().netSavingG()).isPositive());
    }

    @Test
    void decisionsNameTheSelectedClusterTheReasonAndTheAlternatives() {
        List<AuditEvent> decisions = outputs.auditEvents.stream()
                .filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION
                        && e.workloadId().equals(DemoScenario.SEED_JOB))
                .toList();
        assertThat(decisions).extracting(e -> e.decision().outcome()).startsWith("dispatched", "migrated");
        assertThat(decisions.get(0).decision().selectedCluster()).isEqualTo("carbon-kr");
        assertThat(decisions.get(0).decision().alternatives()).extracting(a -> a.cluster())
                .containsExactlyInAnyOrder("carbon-kr", "carbon-jp", "carbon-cn");
        assertThat(decisions.get(0).decision().reason()).isNotBlank();
        assertThat(decisions.get(0).decision().executionTimeMs()).isNotNegative();
    }

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndTheRestIsProcessed() {
        Map<String, Long> reasons = outputs.deadLetters.stream()
                .collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting()));
        assertThat(reasons).containsEntry("invalid_json", 1L).containsEntry("invalid_field", 3L)
                .containsEntry("unknown_cluster", 1L).containsEntry("duplicate_submission", 1L);
        assertThat(outputs.deadLetters).allSatisfy(d -> assertThat(d.detail()).isNotBlank());
        Set<String> placed = outputs.placements.stream().map(Placement::jobId).collect(Collectors.toSet());
        assertThat(placed).contains(DemoScenario.SEED_JOB).hasSize(21);
    }

    @Test
    void everyWorkloadEndsAndTheSummaryComparesWithTheBaseline() {
        RunSummary summary = outputs.summary();
        assertThat(summary.completed() + summary.cancelled() + summary.expired()).isEqualTo(21);
        assertThat(summary.cancelled()).isEqualTo(1);
        assertThat(outputs.placements).filteredOn(p -> p.phase().terminal())
                .allSatisfy(p -> assertThat(p.phase()).isIn(WorkloadPhase.COMPLETED, WorkloadPhase.CANCELLED));
        assertThat(summary.baselineCo2G()).isPositive();
        assertThat(summary.emittedCo2G()).isPositive().isLessThan(summary.baselineCo2G());
    }
}
