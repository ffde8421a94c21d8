package io.caspian.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.testing.CpuLoad;
import io.caspian.testing.Fixtures;
import io.caspian.testing.ScenarioRuns;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo workflow run twice on a MiniCluster, the second time while busy threads load every core,
 * writes the same placements, audit events and round summaries. Only wall-clock fields may differ: how
 * long the optimizer took ({@code execution_time_ms}, {@code solver_ms}), a measurement, not a decision.
 */
class DemoDeterminismTest {

    static final int BUSY_THREADS = 3;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void theDemoPlacesTheSameWayOnAnIdleAndOnALoadedMachine() throws Exception {
        List<String> idle = run("idle");
        List<String> loaded;
        try (CpuLoad load = CpuLoad.start(BUSY_THREADS)) {
            loaded = run("loaded");
            assertThat(load.busy()).isTrue();
        }
        assertThat(idle).as("the demo produced placements and decisions").anyMatch(line -> line.startsWith("placement "))
                .anyMatch(line -> line.contains("\"scheduling_decision\""));
        assertThat(loaded).containsExactlyElementsOf(idle);
    }

    /** Every placement and audit event as masked JSON, sorted: the two subtasks interleave freely. */
    private static List<String> run(String name) throws Exception {
        CaspianConfig config = Fixtures.config();
        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        CollectedOutputs outputs = BoundedRun.execute(env, CaspianWorkflow.build(config, ScenarioRuns.seedScenario(env)),
                "determinism-" + name, output -> { });
        return Stream.concat(outputs.placements.stream().map(p -> "placement " + PlacementJson.write(p)),
                        Stream.concat(outputs.auditEvents.stream().map(e -> "audit " + AuditEventJson.write(e)),
                                outputs.roundSummaries.stream().map(s -> "summary " + RoundSummaryJson.write(s))))
                .map(DemoDeterminismTest::masked)
                .sorted()
                .toList();
    }

    static String masked(String line) {
        return line.replaceAll("\"execution_time_ms\":\\d+", "\"execution_time_ms\":-")
                .replaceAll("\"solver_ms\":\\d+", "\"solver_ms\":-");
    }
}
