package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caspian.config.CaspianConfig;
import io.caspian.events.RawRecord;
import io.caspian.jobs.StreamingJob;
import io.caspian.metrics.BoundPrometheusReporterFactory;
import io.caspian.sources.DemoScenario;
import io.caspian.sources.KafkaInputs;
import io.caspian.testing.PrometheusServer;
import io.caspian.workflows.CaspianWorkflow;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration counters as an operator's Prometheus sees them: a real Prometheus server (Debian's
 * 2.42) scrapes the job's reporter every second through the relabelling of monitoring/prometheus.yml,
 * while the streaming job runs the seed scenario on a real broker. The seed workload's move from
 * carbon-kr to carbon-jp is the first on that route; {@code sum(increase(migrations_total[...]))}
 * counts it (its series existed at 0 before), and still counts it once after a task restart, after
 * which the route's total is the restored one.
 */
class MigrationCountersPrometheusTest extends WithKafkaBroker {

    private static final String ROUTE = "from_cluster=\"carbon-kr\",to_cluster=\"carbon-jp\"";
    private static final Instant JUMP = Instant.parse("2025-10-22T08:05:00Z");
    private static final int REPORTER_PORTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void increaseCountsTheFirstMigrationOnARouteAndSurvivesATaskRestart(@TempDir Path work) throws Exception {
        PrometheusServer.require();
        int firstPort = freePort();
        String targets = IntStream.range(firstPort, firstPort + REPORTER_PORTS).mapToObj(p -> "\"127.0.0.1:" + p + "\"")
                .collect(Collectors.joining(", "));
        String scrape = Files.readString(Path.of("monitoring/prometheus.yml"))
                .replace("scrape_interval: 15s", "scrape_interval: 1s")
                .replaceFirst("targets: \\[[^]]*]", "targets: [" + targets + "]");

        // no input may count as idle while the test waits for the 0 sample: all idle, event time would jump to
        // the latest input's and the readings held back would come late. 20 s is far longer than that wait.
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "promql", Map.of("watermarks.idleness", "20 s"));
        DemoScenario scenario = DemoScenario.generate(42, 5);
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        List<String> beforeJump = new ArrayList<>();
        List<String> fromJump = new ArrayList<>();
        for (RawRecord record : scenario.carbon()) {
            (before(record.payload()) ? beforeJump : fromJump).add(record.payload());
        }
        broker.produce(config.topics().clusters(), StreamingSeedScenarioTest.payloads(scenario.clusters()));
        broker.produce(config.topics().workloads(), StreamingSeedScenarioTest.payloads(scenario.workloads()));
        broker.produce(config.topics().carbonIntensity(), beforeJump);

        Configuration flink = StreamingRuns.flink(work.resolve("checkpoints"), 1);
        flink.setString("metrics.reporter.prom.factory.class", BoundPrometheusReporterFactory.class.getName());
        flink.setString("metrics.reporter.prom.port", firstPort + "-" + (firstPort + REPORTER_PORTS - 1));
        flink.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        FailOnSignal.reset();

        try (PrometheusServer prometheus = PrometheusServer.start(scrape, Files.createDirectories(work.resolve("prometheus")))) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, failOnSignal());
            JobClient job = env.executeAsync(StreamingJob.JOB_NAME);
            try {
                Instant start = Instant.now();
                awaitValue(prometheus, "sum(migrations_total{" + ROUTE + "})", 0, "the route's series at 0 before any move");

                broker.produce(config.topics().carbonIntensity(), fromJump);
                awaitValue(prometheus, "sum(migrations_total{" + ROUTE + "})", 1, "the seed workload's move");
                Thread.sleep(2_000); // a few more samples after the increment
                assertThat(prometheus.value("sum(increase(migrations_total{" + ROUTE + "}[" + sinceSeconds(start) + "s]))"))
                        .as("increase() over the run counts the first move on the route").isCloseTo(1.0, within(0.25));
                double total = prometheus.value("sum(migrations_total)");
                assertThat(prometheus.value("sum(increase(migrations_total[" + sinceSeconds(start) + "s]))"))
                        .as("increase() over every route equals the migrations counted").isCloseTo(total, within(0.25 * total));

                FailOnSignal.ARMED.set(true);
                awaitTrue(FailOnSignal.CHECKPOINTED_SINCE_ARMED, "a checkpoint after the move");
                broker.produce(config.topics().carbonIntensity(), List.of("{\"trigger\": \"the injected failure\"}"));
                awaitTrue(FailOnSignal.FAILED, "the injected failure");
                awaitValue(prometheus, "sum(migrations_total{" + ROUTE + ",task_attempt_num=\"1\"})", 1,
                        "the restarted task's route total, restored from its checkpoint");
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                Thread.sleep(2_000);
                assertThat(prometheus.value("sum(migrations_total{" + ROUTE + "})")).as("the route total after the restart")
                        .isEqualTo(1.0);
                assertThat(prometheus.value("sum(increase(migrations_total{" + ROUTE + "}[" + sinceSeconds(start) + "s]))"))
                        .as("increase() across the restart still counts the one move").isCloseTo(1.0, within(0.25));
            } finally {
                StreamingRuns.cancelAndWait(job);
            }
        }
    }

    private static boolean before(String payload) {
        try {
            JsonNode reading = JSON.readTree(payload);
            return !reading.hasNonNull("timestamp") || Instant.parse(reading.get("timestamp").asText()).isBefore(JUMP);
        } catch (IOException | RuntimeException e) {
            return true; // the scenario's broken reading
        }
    }

    private static long sinceSeconds(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds() + 5;
    }

    private static void awaitValue(PrometheusServer prometheus, String promql, double expected, String what) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        double value = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            value = prometheus.value(promql);
            if (value == expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": " + promql + " was " + value + ", not " + expected + " within " + TIMEOUT
                + "\nPrometheus log:\n" + prometheus.log());
    }

    private static void awaitTrue(AtomicBoolean flag, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!flag.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static UnaryOperator<CaspianWorkflow.Sources> failOnSignal() {
        return sources -> new CaspianWorkflow.Sources(
                sources.carbon().map(new FailOnSignal(), TypeInformation.of(RawRecord.class)).name("test failure").uid("test-failure"),
                sources.workloads(), sources.clusters(), sources.eventsIn(), sources.alertRules());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Test-only: once armed and a checkpoint has completed since, the next record makes the task fail
     * once, so the job restarts from that checkpoint. Static flags: the MiniCluster runs in the test JVM.
     */
    static final class FailOnSignal implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean CHECKPOINTED_SINCE_ARMED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        static void reset() {
            ARMED.set(false);
            CHECKPOINTED_SINCE_ARMED.set(false);
            FAILED.set(false);
        }

        @Override
        public RawRecord map(RawRecord record) {
            if (CHECKPOINTED_SINCE_ARMED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (ARMED.get()) {
                CHECKPOINTED_SINCE_ARMED.set(true);
            }
        }
    }
}
