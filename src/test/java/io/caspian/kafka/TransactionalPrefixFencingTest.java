package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.events.RawRecord;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.sources.DemoScenario;
import io.caspian.sources.KafkaInputs;
import io.caspian.workflows.CaspianWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deployments of the streaming job on one broker, as two namespaces running the shipped manifest
 * get them: the transactional-id prefix comes from {@code CASPIAN_DEPLOYMENT} alone (the configured
 * prefix is empty). Both read the same input at the same time, paced so that each runs for seconds of
 * 200 ms checkpoints beside the other, each under its own consumer group and into its own output
 * topics, with exactly-once sinks and no restart strategy: a fenced producer would fail its job. Both
 * finish, and each has committed the same outputs as the other.
 *
 * <p>Were the two given one prefix (the shared fallback {@code caspian}, say), this test fails too, but
 * in this JVM for the connector's reason before the broker's: the Kafka connector refuses a second sink
 * with a prefix already in use in the same JVM ("Found duplicate transactionalIdPrefix"). Between two
 * JVMs, as in production, it is the broker that would fence; this test does not observe that case.
 */
class TransactionalPrefixFencingTest extends WithKafkaBroker {

    private static final String INPUTS = "fencing";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    /** Per carbon record, so that each run lasts a few seconds of checkpoints beside the other. */
    private static final long PAUSE_MILLIS = 5;
    private static final DemoScenario SCENARIO = DemoScenario.generate(42, 10);

    @BeforeAll
    static void produceTheSharedInput() throws Exception {
        CaspianConfig inputs = StreamingRuns.config(broker.bootstrapServers(), INPUTS);
        broker.create(TopicSetup.topics(inputs.topics(), (short) 1).stream()
                .filter(topic -> StreamingRuns.inputTopics(inputs).contains(topic.name())).toList());
        broker.produce(inputs.topics().clusters(), payloads(SCENARIO.clusters()));
        broker.produce(inputs.topics().carbonIntensity(), payloads(SCENARIO.carbon()));
        broker.produce(inputs.topics().workloads(), payloads(SCENARIO.workloads()));
    }

    @Test
    void twoDeploymentsOnOneBrokerBothCommitAndNeitherFencesTheOther(@TempDir Path checkpoints) throws Exception {
        CaspianConfig staging = deployment("staging", "staging.caspian");
        CaspianConfig prod = deployment("prod", "prod.caspian");
        assertThat(staging.kafka().transactionalIdPrefix()).isEqualTo("caspian-staging.caspian");
        assertThat(prod.kafka().transactionalIdPrefix()).isEqualTo("caspian-prod.caspian");

        List<Throwable> failures = awaitAll(start(List.of(staging, prod), checkpoints));

        assertThat(failures).as("both jobs finish").containsOnlyNulls();
        for (int i = 0; i < staging.topics().outputs().size(); i++) {
            String stagingTopic = staging.topics().outputs().get(i);
            String prodTopic = prod.topics().outputs().get(i);
            Map<String, Integer> fromStaging = OutputComparison.counted(broker.readCommitted(stagingTopic), "staging.");
            Map<String, Integer> fromProd = OutputComparison.counted(broker.readCommitted(prodTopic), "prod.");
            assertThat(OutputComparison.difference(fromStaging, fromProd)).as("%s beyond %s", stagingTopic, prodTopic).isEmpty();
            assertThat(OutputComparison.difference(fromProd, fromStaging)).as("%s beyond %s", prodTopic, stagingTopic).isEmpty();
        }
        // the outputs are the scenario's, not two empty topics: the seed workload moves KR -> JP
        for (CaspianConfig deployment : List.of(staging, prod)) {
            assertThat(broker.readCommitted(deployment.topics().placements())).isNotEmpty();
            assertThat(broker.readCommitted(deployment.topics().roundSummaries())).isNotEmpty();
            assertThat(broker.readCommitted(deployment.topics().auditEvents())).as("the seed workload's relocation")
                    .anySatisfy(record -> {
                        JsonNode event = Json.parse(record.value());
                        assertThat(event.path("event_type").asText()).isEqualTo("workload_relocation");
                        assertThat(event.path("workload_id").asText()).isEqualTo(DemoScenario.SEED_JOB);
                    });
        }
    }

    /**
     * The job as a deployment named {@code deployment} runs it: the shared inputs, outputs and consumer
     * group of its own (under {@code name}), and no transactional-id prefix but the environment's.
     */
    private static CaspianConfig deployment(String name, String deployment) {
        Map<String, String> extra = new java.util.HashMap<>();
        for (String output : List.of("placements", "audit-events", "analytics", "alerts", "dead-letter", "round-summaries")) {
            extra.put("topics." + output, name + "." + output);
        }
        extra.put("kafka.group-id", name);
        extra.put("kafka.transactional-id-prefix", "");
        return StreamingRuns.config(broker.bootstrapServers(), INPUTS, extra, Map.of("CASPIAN_DEPLOYMENT", deployment)::get);
    }

    /** Starts every job before waiting for any, each on its own MiniCluster with exactly-once sinks and no restarts. */
    private static List<JobClient> start(List<CaspianConfig> deployments, Path checkpoints) throws Exception {
        List<JobClient> jobs = new ArrayList<>();
        for (CaspianConfig config : deployments) {
            // as create-topics makes them: stamped at append, so that retention never takes the scenario's old event times
            broker.create(TopicSetup.topics(config.topics(), (short) 1).stream()
                    .filter(topic -> config.topics().outputs().contains(topic.name())).toList());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    StreamingRuns.flink(checkpoints.resolve(config.kafka().groupId()), 0));
            StreamingJob.build(env, config, KafkaInputs.Boundedness.UP_TO_LATEST, paced());
            jobs.add(env.executeAsync(StreamingJob.JOB_NAME));
        }
        return jobs;
    }

    /** Per job, what failed it, or null when it finished. */
    private static List<Throwable> awaitAll(List<JobClient> jobs) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (JobClient job : jobs) {
            try {
                job.getJobExecutionResult().get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                failures.add(null);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        return failures;
    }

    private static UnaryOperator<CaspianWorkflow.Sources> paced() {
        return StreamingRuns.onCarbon((MapFunction<RawRecord, RawRecord>) record -> {
            Thread.sleep(PAUSE_MILLIS);
            return record;
        }, "test-pacing");
    }

    private static List<String> payloads(List<RawRecord> records) {
        return records.stream().map(RawRecord::payload).toList();
    }
}
