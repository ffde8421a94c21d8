package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.RawRecord;
import io.caspian.events.json.Json;
import io.caspian.jobs.StreamingJob;
import io.caspian.sources.DemoScenario;
import io.caspian.sources.KafkaInputs;
import io.caspian.testing.WarnLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario through real Kafka: produced to the input topics, read back from the output
 * topics with read_committed. KR is greenest at 08:00 and the 50 GB workload lands on carbon-kr; at
 * 08:05 JP is greenest and it moves, with a relocation event and {@code migrated_from} set.
 */
class StreamingSeedScenarioTest extends WithKafkaBroker {


    static void produceScenario(CaspianConfig config, DemoScenario scenario) throws Exception {
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        produceInputs(config, scenario);
    }

    /** The scenario's clusters, carbon readings and workloads, to topics that exist. */
    static void produceInputs(CaspianConfig config, DemoScenario scenario) {
        broker.produce(config.topics().clusters(), payloads(scenario.clusters()));
        broker.produce(config.topics().carbonIntensity(), payloads(scenario.carbon()));
        broker.produce(config.topics().workloads(), payloads(scenario.workloads()));
    }

    static List<String> payloads(List<RawRecord> records) {
        return records.stream().map(RawRecord::payload).toList();
    }

    static List<JsonNode> values(String topic) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : broker.readCommitted(topic)) {
            values.add(Json.parse(record.value()));
        }
        return values;
    }

    /** How long the streaming job runs for the log check: about 40 checkpoints of 200 ms. */
    private static final Duration LOG_CHECK_RUN = Duration.ofSeconds(8);
    /**
     * A WARN line (numbers and ids blanked) seen this often in that run repeats per checkpoint; a line
     * logged when an operator starts shows up once per subtask.
     */
    private static final int REPEATED_PER_CHECKPOINT = 10;

    /**
     * The streaming job as it runs in production (unbounded sources, exactly-once sinks, checkpoints)
     * for some 40 checkpoints: no WARN line of its log repeats per checkpoint, except Flink 2.2.1's own
     * committer-metric collision (docs/streaming.md), which is therefore shown to be the only one.
     */
    @Test
    void aStreamingRunLogsNoWarningPerCheckpoint(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "quiet");
        produceScenario(config, DemoScenario.generate(7, 10));
        try (WarnLines warnings = new WarnLines()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(StreamingRuns.flink(checkpoints, 0));
            StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
            JobClient job = env.executeAsync(StreamingJob.JOB_NAME);
            try {
                Thread.sleep(LOG_CHECK_RUN.toMillis());
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                StreamingRuns.cancelAndWait(job);
            }
            Map<String, Long> repeated = warnings.repeatedAtLeast(REPEATED_PER_CHECKPOINT);
            assertThat(repeated.keySet()).as("WARN lines repeated per checkpoint: %s", repeated)
                    .allMatch(line -> WarnLines.FLINK_COMMITTER_COLLISION.matcher(line).matches());
        }
    }

    @Test
    void seedScenarioComesOutOfTheOutputTopics(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "seed");
        produceScenario(config, DemoScenario.generate(42, 40));

        StreamingRuns.runToEnd(config, StreamingRuns.flink(checkpoints, 0), UnaryOperator.identity());

        List<ConsumerRecord<String, String>> placementRecords = broker.readCommitted(config.topics().placements());
        assertThat(placementRecords).allSatisfy(r -> assertThat(Json.parse(r.value()).get("job_id").asText()).isEqualTo(r.key()));
        List<JsonNode> seedJob = values(config.topics().placements()).stream()
                .filter(p -> p.get("job_id").asText().equals(DemoScenario.SEED_JOB)).toList();
        JsonNode first = seedJob.stream().filter(p -> p.get("round_time").asText().equals("2025-10-22T08:05:00Z")).findFirst().orElseThrow();
        assertThat(first.get("target_cluster").asText()).isEqualTo("carbon-kr");
        assertThat(first.get("gate_open").asBoolean()).isTrue();
        JsonNode moved = seedJob.stream().filter(p -> p.get("round_time").asText().equals("2025-10-22T08:10:00Z")).findFirst().orElseThrow();
        assertThat(moved.get("target_cluster").asText()).isEqualTo("carbon-jp");
        assertThat(moved.get("migrated_from").asText()).isEqualTo("carbon-kr");
        assertThat(moved.get("migration_time").asText()).isEqualTo("2025-10-22T08:10:00Z");

        List<JsonNode> audit = values(config.topics().auditEvents());
        List<JsonNode> relocations = audit.stream().filter(e -> e.get("event_type").asText().equals("workload_relocation")
                && e.get("workload_id").asText().equals(DemoScenario.SEED_JOB)).toList();
        assertThat(relocations).hasSize(1);
        assertThat(relocations.get(0).toString()).contains("carbon-kr").contains("carbon-jp");
        assertThat(audit.stream().filter(e -> e.get("event_type").asText().equals("scheduling_decision")
                && e.get("workload_id").asText().equals(DemoScenario.SEED_JOB))).isNotEmpty();
        // a fact has one id: the topic holds each event once
        assertThat(audit.stream().map(e -> e.get("event_id").asText()).distinct().count()).isEqualTo(audit.size());

        List<JsonNode> deadLetters = values(config.topics().deadLetter());
        assertThat(deadLetters).extracting(d -> d.get("reason").asText())
                .contains("invalid_json", "invalid_field", "duplicate_submission", "unknown_cluster");
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.get("source").asText()).startsWith("seed."));
    }

    @Test
    void carbonFromSeveralProvidersOnOneTopicDrivesPlacement(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "providers");
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        broker.produce(config.topics().clusters(), List.of(cluster("carbon-kr", "KR"), cluster("carbon-jp", "JP"), cluster("carbon-gb", "GB")));
        broker.produce(config.topics().carbonIntensity(), List.of(
                // one message, three hourly readings
                "{\"zone\":\"KR\",\"history\":[{\"carbonIntensity\":420,\"datetime\":\"2025-10-22T06:00:00Z\"},"
                        + "{\"carbonIntensity\":null,\"datetime\":\"2025-10-22T07:00:00Z\"},"
                        + "{\"carbonIntensity\":400,\"datetime\":\"2025-10-22T08:00:00Z\"}]}",
                "{\"zone\":\"JP\",\"carbonIntensity\":450,\"datetime\":\"2025-10-22T08:00:00Z\"}",
                "{\"data\":[{\"from\":\"2025-10-22T08:00Z\",\"to\":\"2025-10-22T08:30Z\",\"intensity\":{\"forecast\":160,\"actual\":150}}]}",
                // marginal: never mixed with the average the job decides on
                "{\"data\":[{\"point_time\":\"2025-10-22T08:00:00Z\",\"value\":900},{\"point_time\":\"2025-10-22T08:01:00Z\",\"value\":910}],"
                        + "\"meta\":{\"region\":\"JP\",\"signal_type\":\"co2_moer\",\"units\":\"lbs_co2_per_mwh\"}}",
                "{\"region\":\"KR\",\"gco2\":1}"));
        broker.produce(config.topics().workloads(), List.of("{\"job_id\":\"green-job\",\"timestamp\":\"2025-10-22T08:01:00Z\","
                + "\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":30,\"deadline_minutes\":45}"));

        StreamingRuns.runToEnd(config, StreamingRuns.flink(checkpoints, 0), UnaryOperator.identity());

        JsonNode placed = values(config.topics().placements()).stream().filter(p -> p.get("gate_open").asBoolean()).findFirst().orElseThrow();
        assertThat(placed.get("job_id").asText()).isEqualTo("green-job");
        assertThat(placed.get("target_cluster").asText()).isEqualTo("carbon-gb");
        assertThat(values(config.topics().deadLetter())).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("signal_mismatch", "signal_mismatch", "unsupported_format");
    }

    static String cluster(String name, String zone) {
        return "{\"name\":\"" + name + "\",\"geolocation\":\"" + zone + "\",\"timestamp\":\"2025-10-22T05:00:00Z\","
                + "\"resources\":{\"total\":{\"cpu\":32,\"mem_gb\":128}}}";
    }
}
