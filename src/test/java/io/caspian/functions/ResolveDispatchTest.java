package io.caspian.functions;

import static io.caspian.testing.Fixtures.config;
import static io.caspian.testing.Fixtures.seedClusters;
import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.DispatchContext;
import io.caspian.events.DispatchRequest;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.testing.Placements;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A placement that cannot reach the dispatcher is a dead letter and, for the rounds, a failed dispatch. */
class ResolveDispatchTest {

    private static final long ROUND = Placements.SUBMITTED_MILLIS + 300_000;

    @Test
    void aClusterWithoutAContextIsAFailedDispatchForTheRounds() throws Exception {
        try (BroadcastOperatorTestHarness<io.caspian.events.Placement, DispatchContext, DispatchRequest> harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new ResolveDispatch(config(Map.of("kubernetes.enabled", "true"))),
                        ResolveDispatch.CONTEXTS, ResolveDispatch.POLICIES)) {
            // carbon-kr registered with its context; carbon-jp never was
            harness.processBroadcastElement(DispatchContext.of(seedClusters(ROUND - 600_000).get(0)), ROUND - 600_000);
            harness.processElement(Placements.dispatched("job-1", ROUND, "carbon-kr", null, 10), ROUND);
            harness.processElement(Placements.dispatched("job-2", ROUND, "carbon-jp", null, 10), ROUND);
            harness.processElement(Placements.dispatched("job-3", ROUND, "carbon-jp", "carbon-kr", 10), ROUND);

            assertThat(harness.extractOutputValues()).extracting(DispatchRequest::jobId).containsExactly("job-1");
            List<WorkloadEvent> failed = harness.getSideOutput(ResolveDispatch.NOT_DISPATCHED).stream().map(StreamRecord::getValue).toList();
            assertThat(failed).extracting(WorkloadEvent::jobId).containsExactly("job-2", "job-3");
            assertThat(failed).allSatisfy(e -> {
                assertThat(e.action()).isEqualTo(WorkloadAction.DISPATCH_FAILED);
                assertThat(e.dispatch().roundMillis()).isEqualTo(ROUND);
                assertThat(e.dispatch().reason()).isEqualTo("unknown_kubeconfig_context");
            });
            assertThat(failed.get(0).dispatch().sourceCluster()).isNull();
            assertThat(failed.get(1).dispatch().sourceCluster()).as("a move: it stays on its source").isEqualTo("carbon-kr");
            assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).hasSize(2);
        }
    }
}
