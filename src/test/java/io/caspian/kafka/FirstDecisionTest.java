package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.jobs.StreamingJob;
import io.caspian.sources.DemoScenario;
import io.caspian.sources.KafkaInputs;
import io.caspian.sources.TopicBacklog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live job started before its feed, as on the local stack: how soon it decides, and that deciding soon
 * loses nothing.
 */
class FirstDecisionTest extends WithKafkaBroker {

    /** Far beyond the test's patience: a decision within it was held by no input for this long. */
    private static final String WAIT_BEFORE_DATA = "30 min";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * The job runs before anything is fed, and its policies and events-in topics are never fed. A
     * decision proves that those two held nothing (their topics were empty at the start) and that each
     * fed input stopped holding event time after a short quiet; the fed inputs, each waiting for its first
     * record, pass everything on in event-time order whichever reader comes first: the seed workload is
     * placed and moved as in a bounded run, and no reading is refused for a cluster not yet registered.
     */
    @Test
    void aJobStartedBeforeItsFeedDecidesOnceTheFeedGoesQuietAndLosesNothing(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "first-decision",
                Map.of("watermarks.idleness", WAIT_BEFORE_DATA, "watermarks.idleness-after-data", "2 s"));
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        Configuration flink = StreamingRuns.flink(checkpoints, 0);
        // one subtask per input: a second one would have no partition to read and hold for the whole wait
        flink.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
        JobClient job = env.executeAsync(StreamingJob.JOB_NAME);
        try {
            StreamingSeedScenarioTest.produceInputs(config, DemoScenario.generate(42, 40));

            JsonNode moved = awaitSeedMove(config);
            assertThat(moved.get("target_cluster").asText()).isEqualTo("carbon-jp");
            JsonNode first = StreamingSeedScenarioTest.values(config.topics().placements()).stream()
                    .filter(p -> p.get("job_id").asText().equals(DemoScenario.SEED_JOB)).findFirst().orElseThrow();
            assertThat(first.get("round_time").asText()).isEqualTo("2025-10-22T08:05:00Z");
            assertThat(first.get("target_cluster").asText()).isEqualTo("carbon-kr");
            assertThat(StreamingSeedScenarioTest.values(config.topics().deadLetter())).extracting(d -> d.get("reason").asText())
                    .contains("invalid_json", "invalid_field")
                    .doesNotContain("unknown_zone", "late");
        } finally {
            StreamingRuns.cancelAndWait(job);
        }
    }

    private static JsonNode awaitSeedMove(CaspianConfig config) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode placement : StreamingSeedScenarioTest.values(config.topics().placements())) {
                if (placement.get("job_id").asText().equals(DemoScenario.SEED_JOB) && placement.hasNonNull("migrated_from")) {
                    return placement;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no move of " + DemoScenario.SEED_JOB + " within " + PATIENCE + " (dead letters: "
                + StreamingSeedScenarioTest.values(config.topics().deadLetter()) + ")");
    }

    /** A topic has something to read until the job's group has committed past its last record. */
    @Test
    void aTopicIsEmptyForTheGroupUntilARecordComesAndAgainOnceTheGroupIsPastIt() throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "backlog");
        String policies = config.topics().policies();
        String eventsIn = config.topics().eventsIn();
        broker.createTopics(List.of(policies, eventsIn), 1);
        assertThat(TopicBacklog.empty(config, List.of(policies, eventsIn))).containsExactlyInAnyOrder(policies, eventsIn);

        broker.produce(policies, List.of("{\"version\":2}"));
        assertThat(TopicBacklog.empty(config, List.of(policies, eventsIn))).containsExactly(eventsIn);

        TopicPartition partition = new TopicPartition(policies, 0);
        try (KafkaConsumer<byte[], byte[]> group = broker.committedReader(config.kafka().groupId())) {
            group.assign(List.of(partition));
            group.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
        }
        assertThat(TopicBacklog.empty(config, List.of(policies, eventsIn))).containsExactlyInAnyOrder(policies, eventsIn);
    }
}
