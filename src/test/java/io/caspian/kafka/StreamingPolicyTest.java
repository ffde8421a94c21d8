package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.sources.DemoScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy changed while the job runs, through the real broker. The job starts with a migration price
 * so high that the seed workload stays on carbon-kr when carbon-jp becomes greener at 08:10; a policy
 * published at 08:12 lowers it, and the move is made at the next round, 08:15. A malformed policy and
 * a replayed version before and after it are dead letters, and the policy in force stays.
 */
class StreamingPolicyTest extends WithKafkaBroker {

    private static final String SEED = DemoScenario.SEED_JOB;

    @Test
    void aLambdaChangeMidRunAllowsTheMoveFromTheNextRound(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "policy",
                Map.of("migration.lambda-gco2", "100000"));
        StreamingSeedScenarioTest.produceScenario(config, DemoScenario.generate(42, 0));
        broker.produce(config.topics().policies(), List.of(
                policy(1, "08:11", "{\"migration\":{\"lambda-gco2\":-5}}"),
                policy(1, "08:12", "{\"migration\":{\"lambda-gco2\":0}}"),
                policy(1, "08:13", "{\"migration\":{\"lambda-gco2\":100000}}")));

        StreamingRuns.runToEnd(config, StreamingRuns.flink(checkpoints, 0), UnaryOperator.identity());

        List<JsonNode> seedPlacements = StreamingSeedScenarioTest.values(config.topics().placements()).stream()
                .filter(p -> p.get("job_id").asText().equals(SEED)).toList();
        JsonNode moved = seedPlacements.stream().filter(p -> !p.path("migrated_from").isNull()
                && p.path("migrated_from").asText().equals("carbon-kr")).findFirst().orElseThrow();
        assertThat(moved.get("round_time").asText()).as("the first round under the new policy").isEqualTo("2025-10-22T08:15:00Z");
        assertThat(moved.get("target_cluster").asText()).isEqualTo("carbon-jp");
        assertThat(moved.get("policy_version").asLong()).isEqualTo(1);
        assertThat(seedPlacements).filteredOn(p -> p.get("round_time").asText().compareTo("2025-10-22T08:15:00Z") < 0)
                .isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.get("target_cluster").asText()).as("refused under λ = 100000").isEqualTo("carbon-kr");
                    assertThat(p.get("policy_version").asLong()).isZero();
                });

        List<JsonNode> audit = StreamingSeedScenarioTest.values(config.topics().auditEvents());
        List<JsonNode> changes = audit.stream().filter(e -> e.get("event_type").asText().equals("policy_change")).toList();
        assertThat(changes).as("one global change, announced once").hasSize(1);
        JsonNode policy = changes.get(0).get("policy");
        assertThat(policy.get("version").asLong()).isEqualTo(1);
        assertThat(policy.get("previous_version").asLong()).isZero();
        assertThat(policy.get("scope").asText()).isEqualTo("global");
        assertThat(policy.get("effective_round").asText()).isEqualTo("2025-10-22T08:15:00Z");
        assertThat(policy.get("source").asText()).isEqualTo("streaming-test");
        assertThat(policy.get("changes")).hasSize(1);
        assertThat(policy.get("changes").get(0).get("key").asText()).isEqualTo("migration.lambda-gco2");
        assertThat(policy.get("changes").get(0).get("old_value").asText()).isEqualTo("100000.0");
        assertThat(policy.get("changes").get(0).get("new_value").asText()).isEqualTo("0.0");

        List<JsonNode> decisions = audit.stream().filter(e -> e.get("event_type").asText().equals("scheduling_decision")
                && e.get("origin").asText().equals("caspian")).toList();
        assertThat(decisions).isNotEmpty().allSatisfy(d -> assertThat(d.get("policy_version").asLong())
                .isEqualTo(d.get("round_time").asText().compareTo("2025-10-22T08:15:00Z") < 0 ? 0 : 1));
        assertThat(decisions).anySatisfy(d -> assertThat(d.get("policy_version").asLong()).isEqualTo(1));

        List<JsonNode> summaries = StreamingSeedScenarioTest.values(config.topics().roundSummaries());
        assertThat(summaries).allSatisfy(s -> assertThat(s.get("policy_version").asLong())
                .isEqualTo(s.get("round_time").asText().compareTo("2025-10-22T08:15:00Z") < 0 ? 0 : 1));

        List<JsonNode> deadLetters = StreamingSeedScenarioTest.values(config.topics().deadLetter()).stream()
                .filter(d -> d.get("source").asText().equals(config.topics().policies())).toList();
        assertThat(deadLetters).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("invalid_policy", "stale_policy_version");
        assertThat(deadLetters).filteredOn(d -> d.get("reason").asText().equals("invalid_policy"))
                .allSatisfy(d -> assertThat(d.get("error").asText()).contains("migration.lambda-gco2").contains("-5"));
    }

    /**
     * The policy mode checks a YAML document and publishes it keyed by its scope, with the next version
     * when it names none; a document that the job would refuse is refused at once and nothing is written.
     */
    @Test
    void thePolicyModeChecksAndPublishes(@TempDir Path folder) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "policy-mode");
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        java.nio.file.Path good = folder.resolve("good.yaml");
        java.nio.file.Files.writeString(good, String.join("\n", "scope: global", "source: ops", "reason: test",
                "settings:", "  migration:", "    lambda-gco2: 400", ""));
        java.nio.file.Path bad = folder.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, String.join("\n", "scope: global", "settings:", "  carbon:", "    max-age: soon", ""));

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errors = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream quiet = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        assertThat(io.caspian.policy.PolicyCommand.run(config, Map.of("file", good.toString()), quiet, errors)).isZero();
        assertThat(io.caspian.policy.PolicyCommand.run(config, Map.of("file", good.toString()), quiet, errors)).isZero();
        assertThat(io.caspian.policy.PolicyCommand.run(config, Map.of("file", bad.toString()), quiet, errors)).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("carbon.max-age must be a duration");

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> written = broker.readCommitted(config.topics().policies());
        assertThat(written).extracting(org.apache.kafka.clients.consumer.ConsumerRecord::key).containsExactly("global", "global");
        assertThat(written).extracting(r -> io.caspian.events.json.Json.parse(r.value()).get("version").asLong())
                .as("each gets the next version").containsExactly(1L, 2L);
        assertThat(io.caspian.policy.PolicyDocumentJson.parse(written.get(0).value()).settings())
                .containsEntry("migration.lambda-gco2", "400");
    }

    private static String policy(long version, String time, String settings) {
        return "{\"version\":" + version + ",\"scope\":\"global\",\"timestamp\":\"2025-10-22T" + time + ":00Z\","
                + "\"source\":\"streaming-test\",\"reason\":\"price moves for the test\",\"settings\":" + settings + "}";
    }
}
