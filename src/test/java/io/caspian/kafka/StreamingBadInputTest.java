package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.sinks.DeadLetterPayloads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mixed records on the input topics, with restarts switched off: the job must finish
 * without failing, put every bad record on the dead-letter topic with its precise reason, and process
 * every good one to its end.
 */
class StreamingBadInputTest extends WithKafkaBroker {

    static final Instant T0 = Instant.parse("2025-10-22T08:00:00Z");
    static final long MINUTE = 60_000L;
    static final int GOOD_WORKLOADS = 2000;
    static final int EACH_BAD_KIND = 250;
    static final int DUPLICATES = 100;
    static final int UNKNOWN_ZONE_READINGS = 100;
    static final int OVERSIZED_CHARS = 2 * 1024 * 1024;


    /** The input and, for each bad record, the reason it must get. */
    static final class Input {
        final List<String> clusters = new ArrayList<>();
        final List<String> carbon = new ArrayList<>();
        final List<String> workloads = new ArrayList<>();
        final Map<String, Integer> expectedReasons = new LinkedHashMap<>();
        final Set<String> goodJobs = new TreeSet<>();
        int oversizedChars;

        void bad(List<String> topic, String payload, String reason) {
            topic.add(payload);
            expectedReasons.merge(reason, 1, Integer::sum);
        }
    }

    static String at(long minute) {
        return T0.plusMillis(minute * MINUTE).toString();
    }

    static String cluster(String name, String zone) {
        return "{\"name\":\"" + name + "\",\"geolocation\":\"" + zone + "\",\"timestamp\":\"" + at(-1)
                + "\",\"resources\":{\"total\":{\"cpu\":128,\"mem_gb\":512}}}";
    }

    static String reading(String zone, Object intensity, long minute) {
        return "{\"zone\":\"" + zone + "\",\"carbon_intensity_gco2_per_kwh\":" + intensity + ",\"timestamp\":\"" + at(minute) + "\"}";
    }

    static String workload(String id, Object cpu, long minute) {
        return "{\"job_id\":\"" + id + "\",\"timestamp\":\"" + at(minute) + "\",\"cpu\":" + cpu
                + ",\"mem_gb\":2,\"runtime_minutes\":15,\"deadline_minutes\":600}";
    }

    /** Records in event-time order, as a producer would send them; bad ones spread among the good. */
    static Input mixed() {
        Input in = new Input();
        for (String[] c : List.of(new String[] {"carbon-kr", "KR"}, new String[] {"carbon-jp", "JP"}, new String[] {"carbon-cn", "CN"})) {
            in.clusters.add(cluster(c[0], c[1]));
        }
        for (long minute = 0; minute <= 180; minute += 5) {
            in.carbon.add(reading("KR", 400 + minute, minute));
            in.carbon.add(reading("JP", 450 - minute, minute));
            in.carbon.add(reading("CN", 550, minute));
            if (minute % 10 == 0) {
                in.bad(in.carbon, reading("KR", -5, minute), "invalid_field");
                in.bad(in.carbon, reading("JP", "\"low\"", minute), "invalid_field");
            }
        }
        for (int i = 0; i < UNKNOWN_ZONE_READINGS; i++) {
            in.bad(in.carbon, reading("XX", 300, 181 + i / 10), "unknown_zone");
        }
        for (int i = 0; i < GOOD_WORKLOADS; i++) {
            long minute = i / 25;
            String id = String.format("good-%04d", i);
            in.goodJobs.add(id);
            in.workloads.add(workload(id, 1, minute));
            if (i < EACH_BAD_KIND) {
                in.bad(in.workloads, "{\"job_id\":\"cut-" + i + "\",\"cpu\":", "invalid_json");
                in.bad(in.workloads, workload("typed-" + i, "\"four\"", minute), "invalid_field");
                in.bad(in.workloads, workload("negative-" + i, -2, minute), "invalid_field");
                in.bad(in.workloads, "{\"job_id\":\"no-time-" + i + "\",\"cpu\":1,\"mem_gb\":1}", "missing_field");
            }
            if (i >= 200 && i < 200 + DUPLICATES) {
                // the same job_id submitted again while the first is still known
                in.bad(in.workloads, workload(String.format("good-%04d", i - 100), 2, minute), "duplicate_submission");
            }
            if (i == 700) {
                String huge = "{\"job_id\":\"huge\",\"padding\":\"" + "x".repeat(OVERSIZED_CHARS) + "\"}";
                in.oversizedChars = huge.length();
                in.bad(in.workloads, huge, "oversized");
            }
        }
        return in;
    }

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndEveryGoodOneProcessed(@TempDir Path checkpoints) throws Exception {
        Input in = mixed();
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "mixed");
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        broker.produce(config.topics().clusters(), in.clusters);
        broker.produce(config.topics().carbonIntensity(), in.carbon);
        broker.produce(config.topics().workloads(), in.workloads);
        int total = in.clusters.size() + in.carbon.size() + in.workloads.size();
        assertThat(total).isGreaterThan(3000);

        // restart strategy none: one failure would fail the run and this call
        JobExecutionResult result = StreamingRuns.runToEnd(config, StreamingRuns.flink(checkpoints, 0), UnaryOperator.identity());
        assertThat(result.getJobExecutionResult()).isNotNull();

        List<JsonNode> deadLetters = new ArrayList<>();
        for (var record : broker.readCommitted(config.topics().deadLetter())) {
            deadLetters.add(Json.parse(record.value()));
        }
        Map<String, Integer> reasons = new HashMap<>();
        deadLetters.forEach(d -> reasons.merge(d.get("reason").asText(), 1, Integer::sum));
        assertThat(reasons).isEqualTo(in.expectedReasons);
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.get("error").asText()).isNotBlank());
        assertThat(errorsOf(deadLetters, "typed-")).allMatch(e -> e.equals("field 'cpu' must be a number > 0, got \"four\""));
        assertThat(errorsOf(deadLetters, "negative-")).allMatch(e -> e.equals("field 'cpu' must be a number > 0, got -2"));
        assertThat(errorsOf(deadLetters, "no-time-")).allMatch(e -> e.equals("field 'timestamp' is required"));
        assertThat(errorsOf(deadLetters, "\"XX\"")).allMatch(e -> e.startsWith("zone XX is the geolocation of no registered cluster"));
        JsonNode oversized = deadLetters.stream().filter(d -> d.get("reason").asText().equals("oversized")).findFirst().orElseThrow();
        assertThat(oversized.get("payload").asText()).hasSize(DeadLetterPayloads.MAX_PAYLOAD_CHARS);
        assertThat(oversized.get("error").asText()).startsWith("payload of " + in.oversizedChars + " bytes exceeds limits.payload-bytes");
        assertThat(oversized.get("offset").asLong()).isNotNegative();

        Map<String, String> lastPhase = new HashMap<>();
        for (var record : broker.readCommitted(config.topics().placements())) {
            lastPhase.put(record.key(), Json.parse(record.value()).get("phase").asText());
        }
        assertThat(lastPhase.keySet()).isEqualTo(in.goodJobs);
        assertThat(lastPhase.values().stream().collect(Collectors.toSet())).containsOnly("completed");
    }

    private static List<String> errorsOf(List<JsonNode> deadLetters, String payloadPart) {
        List<String> errors = deadLetters.stream().filter(d -> d.get("payload").asText().contains(payloadPart))
                .map(d -> d.get("error").asText()).toList();
        assertThat(errors).as("dead letters whose payload has " + payloadPart).isNotEmpty();
        return errors;
    }
}
