package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.kafka.WithKafkaBroker;
import io.caspian.kafka.StreamingRuns;
import io.caspian.sources.KafkaInputs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatch loop closed as it runs in production: the streaming job on a real broker, live inputs
 * stamped with the wall clock, one fabric8 mock API server per cluster (starting the Jobs created in it,
 * as a Job controller would), and the dispatcher's outcomes going round through
 * {@code topics.dispatch-outcomes} into the placement rounds. Rounds every 2 s, back-off 2 s.
 */
class DispatchLoopStreamingTest extends WithKafkaBroker {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String JOB = "loop-1";

    private final Map<String, MockCluster> servers = new HashMap<>();
    private Readings readings;
    private JobClient running;
    /** The run's placements and dead-letter topics, for a failure to show what came of the workload. */
    private String placementsTopic;
    private String deadLetterTopic;

    @BeforeEach
    void startClusters() {
        servers.put("carbon-kr", MockCluster.start().startJobs(50));
        servers.put("carbon-jp", MockCluster.start().startJobs(50));
    }

    @AfterEach
    void stop() throws Exception {
        if (readings != null) {
            readings.stop();
        }
        if (running != null) {
            StreamingRuns.cancelAndWait(running);
        }
        servers.values().forEach(MockCluster::close);
    }

    @Test
    void aFailedCreationIsRetriedAndTheWorkloadPlaced(@TempDir Path checkpoints) throws Exception {
        // the API server refuses the first two creations: the first dispatch fails after its two attempts
        servers.get("carbon-kr").server.expect().post().withPath(MockCluster.JOBS_PATH).andReturn(500, "etcd is down").times(2);
        CaspianConfig config = start("retried", checkpoints, 100, 500);

        List<JsonNode> placements = await(config.topics().placements(), records -> phases(records).containsAll(
                List.of("running", "pending")) && phases(records).lastIndexOf("running") > phases(records).indexOf("pending"));
        assertThat(phases(placements)).containsSubsequence("running", "pending", "running");
        assertThat(placements).last().satisfies(p -> assertThat(p.path("target_cluster").asText()).isEqualTo("carbon-kr"));
        assertThat(placements).filteredOn(p -> p.path("phase").asText().equals("pending")).first()
                .satisfies(p -> assertThat(p.path("gate_reason").asText()).contains("dispatch 1 failed")
                        .contains("kubernetes_api_error on carbon-kr"));
        awaitJob("carbon-kr");
        List<JsonNode> outcomes = await(config.topics().dispatchOutcomes(), any(o -> o.path("action").asText().equals("dispatched")));
        assertThat(outcomes).extracting(o -> o.path("action").asText()).containsSubsequence("dispatch_failed", "dispatched");
        assertThat(servers.get("carbon-jp").jobIds()).isEmpty();
    }

    @Test
    void dispatchesThatKeepFailingEndTheWorkloadFailedWithTheReason(@TempDir Path checkpoints) throws Exception {
        servers.get("carbon-kr").server.expect().post().withPath(MockCluster.JOBS_PATH).andReturn(500, "etcd is down").always();
        servers.get("carbon-jp").server.expect().post().withPath(MockCluster.JOBS_PATH).andReturn(500, "etcd is down").always();
        CaspianConfig config = start("failing", checkpoints, 100, 500);

        List<JsonNode> placements = await(config.topics().placements(), any(p -> p.path("phase").asText().equals("failed")));
        assertThat(placements).last().satisfies(p -> assertThat(p.path("gate_reason").asText())
                .startsWith("dispatch failed 3 time(s); the last: kubernetes_api_error on carbon-kr"));
        Predicate<JsonNode> failedDecision = e -> e.path("decision").path("outcome").asText().equals("failed");
        List<JsonNode> decisions = await(config.topics().auditEvents(), any(failedDecision));
        assertThat(decisions).filteredOn(failedDecision).singleElement().satisfies(e -> assertThat(
                e.path("decision").path("reason").asText()).contains("dispatch failed 3 time(s)").contains("500"));
    }

    @Test
    void aFailedMoveLeavesItOnItsSourceAndItsCompletionCounts(@TempDir Path checkpoints) throws Exception {
        servers.get("carbon-jp").server.expect().post().withPath(MockCluster.JOBS_PATH).andReturn(500, "etcd is down").always();
        CaspianConfig config = start("moving", checkpoints, 100, 500);
        awaitJob("carbon-kr");
        await(config.topics().dispatchOutcomes(), any(o -> o.path("action").asText().equals("dispatched")));

        readings.set(700, 100); // Japan is greener now: a move pays
        List<JsonNode> placements = await(config.topics().placements(), any(
                p -> isRunningOn(p, "carbon-kr") && p.path("gate_reason").asText().startsWith("kept on carbon-kr: its move failed")));
        assertThat(placements).extracting(p -> p.path("target_cluster").asText()).containsSubsequence("carbon-kr", "carbon-jp",
                "carbon-kr");
        assertThat(servers.get("carbon-jp").jobIds()).isEmpty();
        assertThat(servers.get("carbon-kr").jobIds()).containsExactly(JOB);

        servers.get("carbon-kr").finish(JOB, true);
        List<JsonNode> ended = await(config.topics().placements(), any(p -> p.path("phase").asText().equals("completed")));
        assertThat(ended).last().satisfies(p -> assertThat(p.path("target_cluster").asText()).isEqualTo("carbon-kr"));
        assertThat(read(config.topics().deadLetter())).extracting(d -> d.path("reason").asText()).doesNotContain("stale_report");
        assertThat(read(config.topics().auditEvents())).filteredOn(e -> e.path("event_type").asText().equals("workload_relocation"))
                .extracting(e -> e.path("status").asText()).contains("decided", "failed").doesNotContain("completed");
    }

    /** Creates the topics, produces the fleet and the workload, starts the readings and the job. */
    private CaspianConfig start(String prefix, Path checkpoints, double kr, double jp) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kubernetes.enabled", "true");
        overrides.put("kubernetes.namespace", MockCluster.NAMESPACE);
        overrides.put("kubernetes.image-allowlist", "busybox:1.36");
        overrides.put("kubernetes.retry-attempts", "2");
        overrides.put("kubernetes.retry-initial-backoff", "10 ms");
        overrides.put("kubernetes.status-poll-interval", "300 ms");
        overrides.put("kubernetes.dispatch-attempts", "3");
        overrides.put("kubernetes.dispatch-retry-backoff", "2 s");
        overrides.put("kubernetes.migration-start-timeout", "3 s");
        overrides.put("scheduler.interval", "2 s");
        overrides.put("scheduler.slot", "1 min");
        overrides.put("scheduler.horizon", "10 min");
        overrides.put("scheduler.complete-after-runtime", "false");
        overrides.put("migration.lambda-gco2", "1.0");
        overrides.put("watermarks.max-out-of-orderness", "200 ms");
        // the fleet and the workload are read once and go quiet, and must then stop holding event time back;
        // but an input counts as idle also before its first record, and the live readings would then take
        // event time past them while a loaded machine still starts their readers (they would come late)
        overrides.put("watermarks.idleness", "10 s");
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), prefix, overrides);
        broker.create(TopicSetup.topics(config.topics(), (short) 1));
        placementsTopic = config.topics().placements();
        deadLetterTopic = config.topics().deadLetter();

        Map<String, String> urls = new HashMap<>();
        servers.forEach((cluster, server) -> urls.put("kind-" + cluster, server.url()));
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (String[] cluster : new String[][] {{"carbon-kr", "KR"}, {"carbon-jp", "JP"}}) {
                send(producer, config.topics().clusters(), cluster[0], "{\"name\":\"" + cluster[0] + "\",\"geolocation\":\"" + cluster[1]
                        + "\",\"kubeconfig_context\":\"kind-" + cluster[0] + "\",\"timestamp\":\"" + Instant.ofEpochMilli(now)
                        + "\",\"resources\":{\"total\":{\"cpu\":256,\"mem_gb\":1024}}}");
            }
            send(producer, config.topics().workloads(), JOB, "{\"job_id\":\"" + JOB + "\",\"timestamp\":\""
                    + Instant.ofEpochMilli(now + 500) + "\",\"cpu\":64,\"mem_gb\":64,\"runtime_minutes\":600,"
                    + "\"deadline_minutes\":1440,\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"36000\"]}");
        }
        readings = new Readings(config.topics().carbonIntensity(), kr, jp);
        readings.start();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(StreamingRuns.flink(checkpoints, 0));
        StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity(), MockCluster.clients(urls));
        running = env.executeAsync(StreamingJob.JOB_NAME);
        return config;
    }

    private static boolean isRunningOn(JsonNode placement, String cluster) {
        return placement.path("phase").asText().equals("running") && placement.path("target_cluster").asText().equals(cluster);
    }

    private static List<String> phases(List<JsonNode> placements) {
        return placements.stream().map(p -> p.path("phase").asText()).toList();
    }

    private static Predicate<List<JsonNode>> any(Predicate<JsonNode> record) {
        return records -> records.stream().anyMatch(record);
    }

    /** The committed records about the workload on {@code topic}, once they are as {@code done} wants. */
    private static List<JsonNode> await(String topic, Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> records = read(topic);
            if (done.test(records)) {
                return records;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the records on " + topic + " did not come as expected within " + PATIENCE + "; read: " + read(topic));
    }

    private static List<JsonNode> read(String topic) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : broker.readCommitted(topic)) {
            JsonNode node = Json.parse(record.value());
            String job = node.path("job_id").asText(node.path("workload_id").asText(node.path("workload").path("id").asText()));
            if (JOB.equals(job) || node.path("payload").asText().contains(JOB)) {
                records.add(node);
            }
        }
        return records;
    }

    private void awaitJob(String cluster) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!servers.get(cluster).jobIds().contains(JOB)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no Job of " + JOB + " on " + cluster + " within " + PATIENCE + "; placements: "
                        + read(placementsTopic) + "; dead letters: " + read(deadLetterTopic));
            }
            Thread.sleep(200);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A reading of each zone every 200 ms, stamped with the wall clock; the intensities can be changed meanwhile. */
    private static final class Readings {
        private final AtomicReference<double[]> intensities;
        private final Thread thread;
        private volatile boolean on = true;

        Readings(String topic, double kr, double jp) {
            intensities = new AtomicReference<>(new double[] {kr, jp});
            thread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                    while (on) {
                        double[] now = intensities.get();
                        String at = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
                        send(producer, topic, "KR", "{\"zone\":\"KR\",\"carbon_intensity_gco2_per_kwh\":" + now[0] + ",\"timestamp\":\"" + at + "\"}");
                        send(producer, topic, "JP", "{\"zone\":\"JP\",\"carbon_intensity_gco2_per_kwh\":" + now[1] + ",\"timestamp\":\"" + at + "\"}");
                        producer.flush();
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "live-readings");
            thread.setDaemon(true);
        }

        void set(double kr, double jp) {
            intensities.set(new double[] {kr, jp});
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            on = false;
            thread.join(5_000);
        }
    }
}
