package io.caspian.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.CarbonReading;
import io.caspian.events.RawRecord;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.TaggedOutput;
import io.caspian.kafka.StreamingRuns;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.ScenarioRuns;
import io.caspian.testing.OpenEndedSource;
import io.caspian.workflows.CaspianWorkflow;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed scenario in a MiniCluster with Flink's Prometheus reporter on: the scraped metrics, put
 * through the relabelling rules shipped in monitoring/prometheus.yml and k8s/podmonitor.yaml, answer
 * the seed's PromQL.
 */
class PrometheusMetricsTest {

    private static final int PORTS = 10;
    private static final int FIRST_PORT = freePort();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Map<String, String> KR_TO_JP = Map.of("from_cluster", "carbon-kr", "to_cluster", "carbon-jp");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(reporter())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private final HttpClient http = HttpClient.newHttpClient();

    private static Configuration reporter() {
        Configuration conf = new Configuration();
        // Flink's reporter binds every interface; this one serves the same exposition on 127.0.0.1 only
        conf.setString("metrics.reporter.prom.factory.class", BoundPrometheusReporterFactory.class.getName());
        conf.setString("metrics.reporter.prom.port", FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
        // as in flink-conf/config.yaml: keep cluster names as they are (carbon-kr, not carbon_kr)
        conf.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        return conf;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void seedScenarioAnswersTheSeedsPromQl() throws Exception {
        // the sources stay open after the scenario, so idleness (not end of input) lets event time move on once
        // each has said what it had; before its first record a source holds event time back for longer, so that
        // one deployed a few seconds after the others on a busy machine does not find its records late
        CaspianConfig config = new ConfigLoader().load(null, Map.of("watermarks.idleness", "15 s",
                "watermarks.idleness-after-data", "2 s"));
        DemoScenario scenario = DemoScenario.generate(config.demo().seed(), config.demo().backgroundWorkloads());
        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        CaspianWorkflow.Sources sources = BoundedRun.sources(env,
                source(env, "metrics-carbon", scenario.carbon()),
                source(env, "metrics-workloads", scenario.workloads()),
                source(env, "metrics-clusters", scenario.clusters()));
        TaggedOutput.union(CaspianWorkflow.build(config, sources)).sinkTo(new DiscardingSink<>()).name("discard");

        JobClient job = env.executeAsync("caspian-metrics-test");
        Exposition scraped;
        try {
            scraped = scrapeUntilSettled();
        } finally {
            StreamingRuns.cancelAndWait(job);
        }
        Relabelling rules = Relabelling.fromPrometheusConfig(Path.of("monitoring/prometheus.yml"), "caspian-flink");
        Exposition metrics = rules.apply(scraped);
        metrics.select("migrations_total", Map.of()).forEach(s -> System.out.println("scraped " + s));

        // one series per detector subtask: the route exists at 0 on each, the move counts on one
        assertThat(metrics.sum("migrations_total", KR_TO_JP)).isEqualTo(1.0);
        assertThat(metrics.select("migrations_total", Map.of()))
                .extracting(s -> s.labels().get("from_cluster") + " -> " + s.labels().get("to_cluster")).as("every route, before any move on it")
                .contains("carbon-kr -> carbon-jp", "carbon-kr -> carbon-cn", "carbon-jp -> carbon-kr", "carbon-jp -> carbon-cn",
                        "carbon-cn -> carbon-kr", "carbon-cn -> carbon-jp");
        assertThat(metrics.sum("migration_data_transferred_gb", KR_TO_JP)).isEqualTo(50.0);
        assertThat(metrics.sum("migration_cost_gco2", KR_TO_JP)).isEqualTo(125.0);
        assertThat(metrics.sum("migrations_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.sum("migrations_in_progress")).isZero();

        for (String zone : List.of("KR", "JP", "CN")) {
            assertThat(metrics.sum("grid_carbon_intensity_gco2_per_kwh", Map.of("zone", zone)))
                    .as("intensity of %s", zone).isEqualTo(lastReading(scenario, zone));
        }
        assertThat(metrics.sum("clusters_by_status", Map.of("status", "ready"))).isEqualTo(3.0);
        assertThat(metrics.select("workloads_by_cluster", Map.of())).extracting(s -> s.labels().get("cluster"))
                .contains("carbon-kr", "carbon-jp", "carbon-cn");
        assertThat(metrics.sum("workloads_finished_total", Map.of("phase", "completed"))).isPositive();
        assertThat(metrics.sum("workloads_finished_total", Map.of("phase", "cancelled"))).isEqualTo(1.0);
        assertThat(metrics.sum("dead_letters_total")).isGreaterThanOrEqualTo(6.0);
        assertThat(metrics.sum("scheduling_decision_latency_ms_count")).isPositive();
        assertThat(metrics.select("scheduling_round_stage_ms", Map.of())).extracting(s -> s.labels().get("stage"))
                .as("the last round's time by stage").contains("inputs", "plan", "emit", "state");
        assertThat(metrics.select("carbon_saved_gco2", Map.of())).isNotEmpty();

        assertThat(dashboardMetrics()).as("every metric the Grafana dashboard queries is exposed")
                .isNotEmpty().allSatisfy(name -> assertThat(metrics.select(name, Map.of())).as(name).isNotEmpty());

        Relabelling podMonitor = Relabelling.fromPodMonitor(Path.of("k8s/podmonitor.yaml"));
        assertThat(podMonitor.apply(scraped)).as("the PodMonitor relabels exactly as the scrape config").isEqualTo(metrics);
    }

    /** Metric names in the dashboard's PromQL: what remains once matchers, ranges, groupings and functions are removed. */
    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("monitoring/grafana-dashboard.json").toFile());
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText()
                        .replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "").replaceAll("by \\([^)]*\\)", "");
                Matcher m = name.matcher(expr);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static DataStream<RawRecord> source(StreamExecutionEnvironment env, String name, List<RawRecord> records) {
        return env.fromSource(OpenEndedSource.of(name, records), WatermarkStrategy.noWatermarks(), name)
                .uid(name).setParallelism(1);
    }

    private static double lastReading(DemoScenario scenario, String zone) {
        double last = Double.NaN;
        for (RawRecord raw : scenario.carbon()) {
            try {
                CarbonReading reading = CarbonReadingJson.parse(raw.payload());
                if (zone.equals(reading.zone())) {
                    last = reading.intensityGco2PerKwh();
                }
            } catch (InvalidRecordException e) {
                // the scenario's deliberately broken reading
            }
        }
        return last;
    }

    /**
     * Scrapes until every workload has left the plan and two scrapes a second apart agree: the
     * scenario has been processed in full.
     */
    private Exposition scrapeUntilSettled() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String previous = null;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            String text = scrapeAll();
            Exposition raw = Exposition.parse(text);
            String fingerprint = raw.samples().stream()
                    .filter(s -> s.name().contains("workloads_") || s.name().contains("migrations_"))
                    .map(Object::toString).sorted().toList().toString();
            boolean drained = raw.samples().stream().anyMatch(s -> s.name().endsWith("workloads_finished_total") && s.value() > 0)
                    && raw.samples().stream().filter(s -> s.name().endsWith("workloads_by_phase"))
                            .mapToDouble(Exposition.Sample::value).sum() == 0;
            if (drained && fingerprint.equals(previous)) {
                return raw;
            }
            previous = fingerprint;
        }
        throw new AssertionError("the scenario did not settle within " + TIMEOUT);
    }

    /** Every reporter of the MiniCluster (JobManager and TaskManager) listens on a port of the range. */
    private String scrapeAll() {
        StringBuilder all = new StringBuilder();
        for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    all.append(response.body()).append('\n');
                }
            } catch (IOException e) {
                // nothing listens on this port of the range
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return all.toString();
    }
}
