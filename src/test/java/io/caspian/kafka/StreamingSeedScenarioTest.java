package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.RawRecord;
import io.caspian.events.json.Json;
import io.caspian.sources.DemoScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario through real Kafka: produced to the input topics, read back from the output
 * topics with read_committed. KR is greenest at 08:00 and the 50 GB workload lands on carbon-kr; at
 * 08:05 JP is greenest and it moves, with a relocation event and {@code migrated_from} set.
 */
class StreamingSeedScenarioTest {

    private static KafkaTestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static void produceScenario(CaspianConfig config, DemoScenario scenario) throws Exception {
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
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
}
