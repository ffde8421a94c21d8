package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.RawRecord;
import io.caspian.events.json.Json;
import io.caspian.jobs.TopicSetup;
import io.caspian.kafka.KafkaTestBroker.Message;
import io.caspian.sources.DemoAlertRules;
import io.caspian.sources.DemoScenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario with thousands of hostile records interleaved on all five input topics, as careless
 * or malicious producers send them: out-of-range numbers, identifiers no sink takes, timestamps in
 * microseconds or in year 9999, invalid UTF-8, deep nesting, duplicate keys, unknown clusters and
 * zones, oversized payloads. With restarts switched off, the job must finish; every hostile record must
 * be on the dead-letter topic with its reason at its offset; and the seed scenario's committed output
 * must equal a clean run's, record for record.
 */
class HostileInputTest extends WithKafkaBroker {

    /** Hostile records of each light class on each topic, spread between the seed's records. */
    static final int ROUNDS = 110;
    /** Of each heavy class (hundreds of kilobytes a record). */
    static final int HEAVY_ROUNDS = 8;

    /** One kind of hostile record: the reason it must get, and how to make one stamped near a time. */
    record HostileClass(String name, String reason, LongFunction<Message> make) {
        /** Large records: fewer of them keep the test's traffic in the tens of megabytes. */
        boolean heavy() {
            return name.contains("nesting") || name.contains("1 MB") || name.contains("600000") || name.contains("5000");
        }
    }

    /** A topic's records as produced, and for each hostile one its class. */
    static final class TopicPlan {
        final List<Message> messages = new ArrayList<>();
        final Map<Long, HostileClass> hostile = new HashMap<>();
    }

    static Message value(String json) {
        return new Message(null, json.getBytes(StandardCharsets.UTF_8));
    }

    static Message keyed(String key, String json) {
        return new Message(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static String at(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static final byte[] NOT_UTF8 = {'{', '"', 'z', 'o', 'n', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    static final String DEEP = "[".repeat(100_000) + "]".repeat(100_000);
    static final String FAR_FUTURE = "9999-01-01T00:00:00Z";
    static final long OVERSIZED_CHARS = 1_200_000;

    static String reading(String zone, Object intensity, String time) {
        return "{\"zone\":\"" + zone + "\",\"carbon_intensity_gco2_per_kwh\":" + intensity + ",\"timestamp\":" + time + "}";
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static String workload(String id, String time, String fields) {
        return "{\"job_id\":\"" + id + "\",\"timestamp\":" + time + ",\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":30,"
                + "\"deadline_minutes\":600" + fields + "}";
    }

    static String cluster(String name, String zone, String time, double cpu) {
        return "{\"name\":\"" + name + "\",\"geolocation\":\"" + zone + "\",\"timestamp\":" + time
                + ",\"resources\":{\"total\":{\"cpu\":" + cpu + ",\"mem_gb\":64}}}";
    }

    static String forecast(int points, long from) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < points; i++) {
            s.append(i == 0 ? "" : ",").append("{\"timestamp\":\"").append(at(from + (i + 1) * 60_000L))
                    .append("\",\"carbon_intensity_gco2_per_kwh\":300}");
        }
        return s.append("]").toString();
    }

    static List<HostileClass> carbonClasses() {
        return List.of(
                new HostileClass("intensity 1e308", "limit_exceeded", t -> value(reading("KR", "1e308", quoted(at(t))))),
                new HostileClass("negative intensity", "invalid_field", t -> value(reading("JP", -5, quoted(at(t))))),
                new HostileClass("NaN as a string", "invalid_field", t -> value(reading("KR", "\"NaN\"", quoted(at(t))))),
                new HostileClass("Infinity as a string", "invalid_field", t -> value(reading("KR", "\"Infinity\"", quoted(at(t))))),
                new HostileClass("NaN bare", "invalid_json", t -> value(reading("KR", "NaN", quoted(at(t))))),
                new HostileClass("intensity of the wrong type", "invalid_field", t -> value(reading("KR", "[400]", quoted(at(t))))),
                new HostileClass("year 9999", "event_time_out_of_range", t -> value(reading("KR", 400, quoted(FAR_FUTURE)))),
                new HostileClass("time in microseconds", "event_time_out_of_range", t -> value(reading("KR", 400, Long.toString(t * 1000)))),
                new HostileClass("time in seconds", "event_time_out_of_range", t -> value(reading("KR", 400, Long.toString(t / 1000)))),
                new HostileClass("zone with markup", "invalid_identifier", t -> value(reading("KR<b>", 400, quoted(at(t))))),
                new HostileClass("zone name of 300 characters", "invalid_identifier", t -> value(reading("Z".repeat(300), 400, quoted(at(t))))),
                new HostileClass("5000 forecast points", "limit_exceeded", t -> value("{\"zone\":\"KR\",\"carbon_intensity_gco2_per_kwh\":400,"
                        + "\"timestamp\":\"" + at(t) + "\",\"forecast\":" + forecast(5000, t) + "}")),
                new HostileClass("zone of no cluster", "unknown_zone", t -> value(reading("ZZ", 400, quoted(at(t))))),
                new HostileClass("invalid UTF-8", "invalid_encoding", t -> new Message(null, NOT_UTF8)),
                new HostileClass("100000 levels of nesting", "invalid_json", t -> value(DEEP)),
                new HostileClass("duplicate keys", "invalid_json", t -> value("{\"zone\":\"KR\",\"zone\":\"JP\",\"carbon_intensity_gco2_per_kwh\":1,"
                        + "\"timestamp\":\"" + at(t) + "\"}")));
    }

    static List<HostileClass> workloadClasses() {
        return List.of(
                new HostileClass("runtime of 2e9 minutes", "limit_exceeded", t -> value(workload("huge-runtime-" + t, quoted(at(t)), "")
                        .replace("\"runtime_minutes\":30,\"deadline_minutes\":600", "\"runtime_minutes\":2000000000,\"deadline_minutes\":2000000000"))),
                new HostileClass("deadline of a million minutes", "limit_exceeded", t -> value(workload("long-deadline-" + t, quoted(at(t)), "")
                        .replace("\"deadline_minutes\":600", "\"deadline_minutes\":1000000"))),
                new HostileClass("job_id of 600000 characters", "invalid_identifier", t -> value(workload("j".repeat(600_000), quoted(at(t)), ""))),
                new HostileClass("job_id with a slash", "invalid_identifier", t -> value(workload("a/b " + t, quoted(at(t)), ""))),
                new HostileClass("year 9999", "event_time_out_of_range", t -> value(workload("future-" + t, quoted(FAR_FUTURE), ""))),
                new HostileClass("time in seconds", "event_time_out_of_range", t -> value(workload("seconds-" + t, Long.toString(t / 1000), ""))),
                new HostileClass("a trillion cores", "limit_exceeded", t -> value(workload("greedy-" + t, quoted(at(t)), "")
                        .replace("\"cpu\":2", "\"cpu\":1e12"))),
                new HostileClass("cpu NaN", "invalid_field", t -> value(workload("nan-" + t, quoted(at(t)), "").replace("\"cpu\":2", "\"cpu\":\"NaN\""))),
                new HostileClass("runtime of the wrong type", "invalid_field", t -> value(workload("typed-" + t, quoted(at(t)), "")
                        .replace("\"runtime_minutes\":30", "\"runtime_minutes\":\"long\""))),
                new HostileClass("300 command arguments", "limit_exceeded", t -> value(workload("chatty-" + t, quoted(at(t)),
                        ",\"command\":[" + String.join(",", java.util.Collections.nCopies(300, "\"a\"")) + "]"))),
                new HostileClass("image of 1000 characters", "limit_exceeded", t -> value(workload("image-" + t, quoted(at(t)),
                        ",\"image\":\"" + "i".repeat(1000) + "\""))),
                new HostileClass("affinity to an unknown cluster", "unknown_cluster", t -> value(workload("nowhere-" + t, quoted(at(t)),
                        ",\"affinity_clusters\":[\"carbon-mars\"]"))),
                new HostileClass("completion of an unknown job", "unknown_job", t -> value("{\"job_id\":\"ghost-" + t
                        + "\",\"action\":\"completed\",\"timestamp\":\"" + at(t) + "\"}")),
                new HostileClass("invalid UTF-8", "invalid_encoding", t -> new Message(null, NOT_UTF8)),
                new HostileClass("100000 levels of nesting", "invalid_json", t -> value(DEEP)),
                new HostileClass("duplicate keys", "invalid_json", t -> value(workload("dup-" + t, quoted(at(t)), ",\"cpu\":64"))),
                new HostileClass("payload over 1 MB", "oversized", t -> value("{\"job_id\":\"big\",\"pad\":\"" + "x".repeat((int) OVERSIZED_CHARS) + "\"}")));
    }

    static List<HostileClass> clusterClasses() {
        return List.of(
                new HostileClass("a trillion cores", "limit_exceeded", t -> value(cluster("carbon-big", "KR", quoted(at(t)), 1e12))),
                new HostileClass("name with a space", "invalid_identifier", t -> value(cluster("carbon kr", "KR", quoted(at(t)), 8))),
                new HostileClass("geolocation with a slash", "invalid_identifier", t -> value(cluster("carbon-x", "K/R", quoted(at(t)), 8))),
                new HostileClass("year 9999", "event_time_out_of_range", t -> value(cluster("carbon-later", "KR", quoted(FAR_FUTURE), 8))),
                new HostileClass("time in microseconds", "event_time_out_of_range", t -> value(cluster("carbon-micro", "KR", Long.toString(t * 1000), 8))),
                new HostileClass("invalid UTF-8", "invalid_encoding", t -> new Message(null, NOT_UTF8)),
                new HostileClass("100000 levels of nesting", "invalid_json", t -> value(DEEP)),
                new HostileClass("duplicate keys", "invalid_json", t -> value("{\"name\":\"a\",\"name\":\"b\"}")),
                new HostileClass("resources of the wrong type", "invalid_field", t -> value("{\"name\":\"carbon-t\",\"geolocation\":\"KR\","
                        + "\"timestamp\":\"" + at(t) + "\",\"resources\":\"lots\"}")));
    }

    static final String DECISION = "{\"event_type\":\"scheduling_decision\",\"workload_id\":\"w1\",\"execution_time_ms\":5,";

    static List<HostileClass> eventsInClasses() {
        return List.of(
                new HostileClass("event_id of 300 characters", "invalid_identifier", t -> value(DECISION + "\"event_id\":\"" + "e".repeat(300)
                        + "\",\"timestamp\":\"" + at(t) + "\"}")),
                new HostileClass("year 9999", "event_time_out_of_range", t -> value(DECISION + "\"timestamp\":\"" + FAR_FUTURE + "\"}")),
                new HostileClass("unknown event type", "invalid_field", t -> value("{\"event_type\":\"coffee_break\",\"timestamp\":\"" + at(t) + "\"}")),
                new HostileClass("invalid UTF-8", "invalid_encoding", t -> new Message(null, NOT_UTF8)),
                new HostileClass("not JSON", "invalid_json", t -> value("<event/>")),
                new HostileClass("100000 levels of nesting", "invalid_json", t -> value(DEEP)));
    }

    static final String RULE = "{\"metric\":\"success_rate_pct\",\"comparator\":\"<\",\"threshold\":99}";

    static List<HostileClass> ruleClasses() {
        return List.of(
                new HostileClass("rule id with markup", "invalid_identifier", t -> keyed("<rule>", RULE)),
                new HostileClass("unknown comparator", "invalid_field", t -> keyed("r-" + t, RULE.replace("\"<\"", "\"~\""))),
                new HostileClass("unknown metric", "invalid_field", t -> keyed("m-" + t, RULE.replace("success_rate_pct", "happiness"))),
                new HostileClass("rule with an empty key", "invalid_identifier", t -> keyed("", RULE)),
                new HostileClass("invalid UTF-8", "invalid_encoding", t -> new Message("x".getBytes(StandardCharsets.UTF_8), NOT_UTF8)),
                new HostileClass("100000 levels of nesting", "invalid_json", t -> keyed("deep", DEEP)));
    }

    /** The seed's records with {@code rounds} rounds of every hostile class spread evenly among them. */
    static TopicPlan interleave(List<RawRecord> seed, List<HostileClass> classes, int rounds, long defaultTime) {
        TopicPlan plan = new TopicPlan();
        List<HostileClass> sequence = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (HostileClass kind : classes) {
                if (round < (kind.heavy() ? HEAVY_ROUNDS : rounds)) {
                    sequence.add(kind);
                }
            }
        }
        int hostileTotal = sequence.size();
        int slots = Math.max(1, seed.size());
        int made = 0;
        long lastTime = seed.isEmpty() ? defaultTime : seed.get(0).timestampMillis();
        for (int i = 0; i <= seed.size(); i++) {
            int due = (int) ((long) hostileTotal * Math.min(i + 1, slots) / slots);
            while (made < due) {
                HostileClass kind = sequence.get(made);
                plan.hostile.put((long) plan.messages.size(), kind);
                plan.messages.add(kind.make().apply(lastTime));
                made++;
            }
            if (i < seed.size()) {
                lastTime = seed.get(i).timestampMillis();
                plan.messages.add(value(seed.get(i).payload()));
            }
        }
        return plan;
    }

    /** The demo's alert rules, so that both runs raise alerts. */
    static List<Message> rules() {
        return DemoAlertRules.records().stream().map(r -> keyed(r.key(), r.payload())).toList();
    }

    static List<Message> plain(List<RawRecord> seed) {
        return seed.stream().map(r -> value(r.payload())).toList();
    }

    static void createTopics(CaspianConfig config) throws Exception {
        broker.create(TopicSetup.topics(config.topics(), (short) 1));
    }

    @Test
    void noHostileRecordStopsStallsOrChangesTheJob(@TempDir Path cleanCheckpoints, @TempDir Path hostileCheckpoints) throws Exception {
        DemoScenario scenario = DemoScenario.generate(42, 40);
        long start = DemoScenario.T1.toEpochMilli();

        CaspianConfig clean = StreamingRuns.config(broker.bootstrapServers(), "calm");
        createTopics(clean);
        broker.produceMessages(clean.topics().clusters(), plain(scenario.clusters()));
        broker.produceMessages(clean.topics().carbonIntensity(), plain(scenario.carbon()));
        broker.produceMessages(clean.topics().workloads(), plain(scenario.workloads()));
        broker.produceMessages(clean.topics().alertRules(), rules());
        StreamingRuns.runToEnd(clean, StreamingRuns.flink(cleanCheckpoints, 0), UnaryOperator.identity());

        CaspianConfig hostile = StreamingRuns.config(broker.bootstrapServers(), "storm");
        createTopics(hostile);
        Map<String, TopicPlan> plans = new TreeMap<>();
        plans.put(hostile.topics().clusters(), interleave(scenario.clusters(), clusterClasses(), ROUNDS, start));
        plans.put(hostile.topics().carbonIntensity(), interleave(scenario.carbon(), carbonClasses(), ROUNDS, start));
        plans.put(hostile.topics().workloads(), interleave(scenario.workloads(), workloadClasses(), ROUNDS, start));
        plans.put(hostile.topics().eventsIn(), interleave(List.of(), eventsInClasses(), ROUNDS, start));
        TopicPlan rulePlan = interleave(List.of(), ruleClasses(), ROUNDS, start);
        TopicPlan withRules = new TopicPlan();
        withRules.messages.addAll(rules());
        withRules.messages.addAll(rulePlan.messages);
        rulePlan.hostile.forEach((offset, kind) -> withRules.hostile.put(offset + rules().size(), kind));
        plans.put(hostile.topics().alertRules(), withRules);
        for (String topic : List.of(hostile.topics().clusters(), hostile.topics().carbonIntensity(), hostile.topics().workloads(),
                hostile.topics().eventsIn(), hostile.topics().alertRules())) {
            broker.produceMessages(topic, plans.get(topic).messages);
        }
        int hostileRecords = plans.values().stream().mapToInt(p -> p.hostile.size()).sum();
        assertThat(hostileRecords).isGreaterThanOrEqualTo(5000);

        resetHeapPeaks();
        long started = System.nanoTime();
        // restart strategy none: a single failure anywhere fails this call
        StreamingRuns.runToEnd(hostile, StreamingRuns.flink(hostileCheckpoints, 0), UnaryOperator.identity());
        double seconds = (System.nanoTime() - started) / 1e9;

        // every hostile record is on the dead-letter topic, at its own offset, with its reason
        Map<String, Map<Long, JsonNode>> letters = new HashMap<>();
        List<JsonNode> seedLetters = new ArrayList<>();
        for (ConsumerRecord<String, String> r : broker.readCommitted(hostile.topics().deadLetter())) {
            JsonNode letter = Json.parse(r.value());
            String source = letter.get("source").asText();
            TopicPlan plan = plans.get(source);
            if (plan != null && plan.hostile.containsKey(letter.get("offset").asLong())) {
                JsonNode previous = letters.computeIfAbsent(source, s -> new HashMap<>()).put(letter.get("offset").asLong(), letter);
                assertThat(previous).as("one dead letter per hostile record: " + letter).isNull();
            } else {
                seedLetters.add(letter);
            }
        }
        Map<String, Integer> triedPerClass = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Map.Entry<String, TopicPlan> topic : plans.entrySet()) {
            for (Map.Entry<Long, HostileClass> record : topic.getValue().hostile.entrySet()) {
                HostileClass kind = record.getValue();
                triedPerClass.merge(topic.getKey().replace("storm.", "") + ": " + kind.name(), 1, Integer::sum);
                JsonNode letter = letters.getOrDefault(topic.getKey(), Map.of()).get(record.getKey());
                assertThat(letter).as(kind.name() + " at " + topic.getKey() + "@" + record.getKey() + " must be dead-lettered").isNotNull();
                assertThat(letter.get("reason").asText()).as(kind.name() + ": " + letter.get("error").asText()).isEqualTo(kind.reason());
                assertThat(letter.get("error").asText()).isNotBlank();
                assertThat(letter.get("partition").asInt()).isZero();
                reasons.merge(kind.reason(), 1, Integer::sum);
            }
        }

        // what is left on the dead-letter topic is what the clean run refused too: the seed's own bad records
        assertThat(contents(seedLetters, "storm.")).isEqualTo(contents(readValues(clean.topics().deadLetter()), "calm."));

        // and everything else the job committed is exactly the clean run's
        for (String output : List.of("placements", "audit-events", "analytics", "alerts")) {
            Map<String, Integer> stormy = OutputComparison.counted(broker.readCommitted("storm." + output), "storm.");
            Map<String, Integer> calm = OutputComparison.counted(broker.readCommitted("calm." + output), "calm.");
            assertThat(OutputComparison.difference(stormy, calm)).as(output + " only in the hostile run").isEmpty();
            assertThat(OutputComparison.difference(calm, stormy)).as(output + " only in the clean run").isEmpty();
            assertThat(calm).as(output).isNotEmpty();
        }

        System.out.printf("hostile records: %d over 5 topics, run took %.1f s, 0 restarts (restart strategy none)%n",
                hostileRecords, seconds);
        triedPerClass.forEach((kind, n) -> System.out.printf("  tried %-60s %d%n", kind, n));
        reasons.forEach((reason, n) -> System.out.printf("  dead-lettered %-30s %d%n", reason, n));
        System.out.printf("heap high-water mark during the hostile run: %.0f MiB%n", heapPeakBytes() / 1048576.0);
    }

    private static List<JsonNode> readValues(String topic) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> r : broker.readCommitted(topic)) {
            values.add(Json.parse(r.value()));
        }
        return values;
    }

    /** A dead letter by what it says, not where it sits (offsets shift when records are interleaved). */
    private static Map<String, Integer> contents(List<JsonNode> letters, String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode l : letters) {
            String key = l.get("source").asText().replace(prefix, "") + "|" + l.get("stage").asText() + "|" + l.get("reason").asText()
                    + "|" + l.get("error").asText() + "|" + l.get("payload").asText();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeakBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
