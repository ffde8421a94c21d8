package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.events.RawRecord;
import io.caspian.sources.DemoScenario;
import io.caspian.workflows.CaspianWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails mid-stream, restarts from its last checkpoint, and the committed output equals that of
 * a run without failure: every record once, none lost, none repeated.
 */
class StreamingRecoveryTest extends WithKafkaBroker {

    /** Carbon records read before the failure (the scenario has 471); checkpoints every 200 ms. */
    static final int FAIL_AFTER = 250;
    static final long PAUSE_MILLIS = 3;


    @Test
    void recoversFromItsCheckpointWithEveryRecordExactlyOnce(@TempDir Path clean, @TempDir Path failing) throws Exception {
        DemoScenario scenario = DemoScenario.generate(7, 60);

        CaspianConfig reference = StreamingRuns.config(broker.bootstrapServers(), "clean");
        produce(reference, scenario);
        FailOnceAfter.reset();
        StreamingRuns.runToEnd(reference, StreamingRuns.flink(clean, 0), throttled(false));

        CaspianConfig recovered = StreamingRuns.config(broker.bootstrapServers(), "failing");
        produce(recovered, scenario);
        FailOnceAfter.reset();
        StreamingRuns.runToEnd(recovered, StreamingRuns.flink(failing, 3), throttled(true));

        assertThat(FailOnceAfter.FAILED).as("the injected failure happened").isTrue();
        assertThat(FailOnceAfter.CHECKPOINT_BEFORE_FAILURE).as("a checkpoint completed before it").isTrue();
        assertThat(FailOnceAfter.SEEN.get()).as("records re-read after the restore").isGreaterThan(scenario.carbon().size());
        for (int i = 0; i < 3; i++) {
            Map<String, Integer> expected = OutputComparison.counted(broker.readCommitted(StreamingRuns.outputTopics(reference).get(i)), "clean.");
            Map<String, Integer> actual = OutputComparison.counted(broker.readCommitted(StreamingRuns.outputTopics(recovered).get(i)), "failing.");
            String topic = StreamingRuns.outputTopics(recovered).get(i);
            assertThat(expected).as("reference output of " + topic).isNotEmpty();
            assertThat(OutputComparison.difference(expected, actual)).as("records of the clean run missing or short in " + topic).isEmpty();
            assertThat(OutputComparison.difference(actual, expected)).as("records in " + topic + " beyond the clean run's").isEmpty();
        }
    }

    /** The carbon stream through the test map: it always paces, and fails once when asked to. */
    private static UnaryOperator<CaspianWorkflow.Sources> throttled(boolean fail) {
        return StreamingRuns.onCarbon(new FailOnceAfter(fail ? FAIL_AFTER : Integer.MAX_VALUE, PAUSE_MILLIS), "test-pacing");
    }

    private static void produce(CaspianConfig config, DemoScenario scenario) throws Exception {
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        broker.produce(config.topics().clusters(), scenario.clusters().stream().map(RawRecord::payload).toList());
        broker.produce(config.topics().carbonIntensity(), scenario.carbon().stream().map(RawRecord::payload).toList());
        broker.produce(config.topics().workloads(), scenario.workloads().stream().map(RawRecord::payload).toList());
    }
}
