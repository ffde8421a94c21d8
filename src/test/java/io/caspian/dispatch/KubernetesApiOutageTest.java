package io.caspian.dispatch;

import static io.caspian.kafka.CommitClock.MIN_RATE_SHARE;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.kafka.CommitClock;
import io.caspian.kafka.CommitClock.Window;
import io.caspian.kafka.PacedProducer;
import io.caspian.kafka.StreamingRuns;
import io.caspian.kafka.WithKafkaBroker;
import io.caspian.sources.KafkaInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure-domain figure for Kubernetes, on a real broker: the streaming job with dispatch on,
 * two mock clusters, each API behind an {@link ApiSwitch}, live carbon readings and a steady stream of
 * workload submissions, so that every round places new workloads and every placement is dispatched. Both
 * APIs go away for 60 s (the servers, and the Jobs in them, stay) and come back. The placements the job
 * commits to Kafka, as a {@code read_committed} consumer sees them, go on during the outage at no less
 * than 80 % of their rate before it; once the APIs are back the dispatches that failed meanwhile are
 * retried by the rounds, and every workload ends with exactly one Job across the clusters, or none and
 * {@code failed}.
 *
 * <p>Placements are the figure here (rather than the round summaries, as for Elasticsearch): a new
 * workload's placement is what the dispatcher acts on, and a dispatcher that held the placements back
 * would show there first. The outage is silent by default (connections taken and never answered, a
 * partition: each call waits out {@code kubernetes.request-timeout}); {@code -Dcaspian.outage.kubernetes=refuse}
 * refuses them instead.
 */
class KubernetesApiOutageTest extends WithKafkaBroker {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final double SUBMISSIONS_PER_SECOND = 5;
    private static final double READINGS_PER_SECOND = 5;
    private static final String PREFIX = "k8s-outage";
    private static final String OUTAGE_PROPERTY = "caspian.outage.kubernetes";

    /** A workload cluster: its zone's intensity and its cores (the greener one fills up, the rest go to the other). */
    private record Site(String name, String zone, double intensity, int cores) {
        String context() {
            return "kind-" + name;
        }
    }

    private static final List<Site> SITES = List.of(new Site("carbon-kr", "KR", 100, 120), new Site("carbon-jp", "JP", 400, 4096));

    private final Map<String, MockCluster> clusters = new LinkedHashMap<>();
    private final Map<String, ApiSwitch> apis = new LinkedHashMap<>();

    @AfterEach
    void stopClusters() throws Exception {
        for (ApiSwitch api : apis.values()) {
            api.close();
        }
        clusters.values().forEach(MockCluster::close);
    }

    @Test
    void placementsKeepCommittingThroughA60SecondApiOutageAndEachJobExistsOnce(@TempDir Path checkpoints) throws Exception {
        ApiSwitch.Outage outage = ApiSwitch.Outage.valueOf(System.getProperty(OUTAGE_PROPERTY, "silent").toUpperCase(Locale.ROOT));
        Map<String, String> urls = new HashMap<>();
        for (Site site : SITES) {
            MockCluster cluster = MockCluster.start().startJobs(200);
            clusters.put(site.name(), cluster);
            apis.put(site.name(), ApiSwitch.inFrontOf(cluster.url()));
            urls.put(site.context(), apis.get(site.name()).url());
        }
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), PREFIX, Map.ofEntries(
                Map.entry("kubernetes.enabled", "true"), Map.entry("kubernetes.namespace", MockCluster.NAMESPACE),
                Map.entry("kubernetes.image-allowlist", "busybox:1.36"), Map.entry("kubernetes.status-poll-interval", "1 s"),
                // failed dispatches are planned again soon enough to be seen through within the test
                Map.entry("kubernetes.dispatch-retry-backoff", "10 s"),
                Map.entry("scheduler.interval", "1 s"), Map.entry("scheduler.slot", "1 min"), Map.entry("scheduler.horizon", "10 min"),
                Map.entry("scheduler.complete-after-runtime", "false"),
                Map.entry("watermarks.max-out-of-orderness", "200 ms"), Map.entry("watermarks.idleness", "1 s")));
        CaspianConfig.Topics topics = config.topics();
        broker.create(TopicSetup.topics(topics, (short) 1));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            SITES.forEach(site -> register(producer, topics.clusters(), site));
        }

        CommitClock commits = new CommitClock(broker, List.of(topics.placements(), topics.roundSummaries(), topics.auditEvents()));
        PacedProducer readings = new PacedProducer(broker, "live-readings", READINGS_PER_SECOND, (producer, step) -> {
            for (Site site : SITES) {
                send(producer, topics.carbonIntensity(), site.zone(), "{\"zone\":\"" + site.zone() + "\",\"carbon_intensity_gco2_per_kwh\":"
                        + site.intensity() + ",\"timestamp\":\"" + Instant.now() + "\"}");
            }
        });
        PacedProducer submissions = new PacedProducer(broker, "submissions", SUBMISSIONS_PER_SECOND,
                (producer, step) -> send(producer, topics.workloads(), workload(step), "{\"job_id\":\"" + workload(step)
                        + "\",\"timestamp\":\"" + Instant.now() + "\",\"cpu\":1,\"mem_gb\":1,\"runtime_minutes\":600,"
                        + "\"deadline_minutes\":1440,\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"36000\"]}"));
        JobClient streaming = null;
        try {
            commits.start();
            readings.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(StreamingRuns.flink(checkpoints, 0));
            StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity(),
                    MockCluster.clients(urls, config.kubernetes().requestTimeout()));
            streaming = env.executeAsync(StreamingJob.JOB_NAME);
            submissions.start();

            // the job at work: workloads placed and their Jobs created
            awaitJobs(1);
            CommitClock.Outage measured = commits.measure(() -> {
                for (ApiSwitch api : apis.values()) {
                    api.down(outage);
                }
            }, () -> {
                for (ApiSwitch api : apis.values()) {
                    api.up();
                }
            });
            submissions.stop();

            Window before = measured.before();
            Window during = measured.during();
            double share = during.share(before, topics.placements());
            System.out.printf(Locale.ROOT, "Kubernetes APIs down (%s) for %.1f s; %.0f submissions/s offered%n",
                    outage.name().toLowerCase(Locale.ROOT), during.seconds(), SUBMISSIONS_PER_SECOND);
            commits.print(before, during);
            System.out.printf(Locale.ROOT, "placements committed during the outage at %.0f %% of the rate before it;"
                    + " round summaries at %.0f %%%n", 100 * share, 100 * during.share(before, topics.roundSummaries()));
            assertThat(before.count(topics.placements())).as("placements committed before the outage").isGreaterThan(20);
            assertThat(share).as("commit rate of the placements during the outage against before it")
                    .isGreaterThanOrEqualTo(MIN_RATE_SHARE);
            // a failed dispatch adds placements (pending again, then running again): the rounds' own rate shows no such help
            assertThat(during.share(before, topics.roundSummaries())).as("commit rate of the round summaries during the outage")
                    .isGreaterThanOrEqualTo(MIN_RATE_SHARE);
            // no restart strategy: a failure would have ended the job
            assertThat(streaming.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            // after recovery: the failed dispatches are planned again, and each workload has one Job, or none and failed
            Map<String, Integer> jobs = awaitSettled(topics, submitted(topics));
            Set<String> failed = failed(topics);
            // a creation whose answer the outage cut may have created a Job the rounds never heard of (docs: the dispatch loop)
            long failedWithAJob = failed.stream().filter(workload -> jobs.getOrDefault(workload, 0) > 0).count();
            System.out.printf(Locale.ROOT, "after recovery: %d workloads, workloads by their number of Jobs %s; %d failed, %d of them"
                    + " with a Job%n", jobs.size(), new TreeMap<>(jobs.values().stream().collect(groupingBy(n -> n, counting()))),
                    failed.size(), failedWithAJob);
            assertThat(jobs).as("Jobs per workload across the clusters").allSatisfy((workload, count) -> assertThat(count)
                    .as(workload).isLessThanOrEqualTo(1));
            assertThat(dispatched(topics)).as("workloads reported dispatched").allSatisfy(workload -> assertThat(jobs.get(workload))
                    .as("Jobs of " + workload).isEqualTo(1));
            assertThat(jobs.values().stream().filter(n -> n == 1).count()).as("workloads with a Job")
                    .isGreaterThan(before.count(topics.placements()) / 2);
            assertThat(streaming.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            submissions.stop();
            readings.stop();
            commits.stop();
            if (streaming != null) {
                StreamingRuns.cancelAndWait(streaming);
            }
        }
    }

    private static String workload(long step) {
        return String.format(Locale.ROOT, "steady-%05d", step);
    }

    /** The ids of the workloads submitted (as committed to the workloads topic). */
    private static Set<String> submitted(CaspianConfig.Topics topics) {
        Set<String> ids = new HashSet<>();
        broker.readCommitted(topics.workloads()).forEach(record -> ids.add(record.key()));
        return ids;
    }

    /** How many Jobs each workload has across the clusters, read from the API servers themselves. */
    private Map<String, Integer> jobsPerWorkload(Set<String> workloads) {
        Map<String, Integer> jobs = new TreeMap<>();
        workloads.forEach(workload -> jobs.put(workload, 0));
        for (MockCluster cluster : clusters.values()) {
            cluster.jobIds().forEach(workload -> jobs.merge(workload, 1, Integer::sum));
        }
        return jobs;
    }

    /**
     * Waits until each submitted workload has a Job or has ended {@code failed}, and returns the Jobs per
     * workload; the rounds retry a failed dispatch after its back-off, so this takes up to about twice it.
     */
    private Map<String, Integer> awaitSettled(CaspianConfig.Topics topics, Set<String> workloads) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Integer> jobs = jobsPerWorkload(workloads);
            Set<String> failed = failed(topics);
            List<String> unsettled = jobs.entrySet().stream().filter(e -> e.getValue() == 0 && !failed.contains(e.getKey()))
                    .map(Map.Entry::getKey).toList();
            if (unsettled.isEmpty()) {
                return jobs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(unsettled.size() + " workloads have neither a Job nor ended failed " + PATIENCE
                        + " after the APIs came back: " + unsettled);
            }
            Thread.sleep(500);
        }
    }

    private void awaitJobs(int atLeast) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (clusters.values().stream().mapToInt(cluster -> cluster.jobIds().size()).sum() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no Job was created within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> failed(CaspianConfig.Topics topics) throws Exception {
        return workloadsWhere(topics.placements(), "phase", "failed");
    }

    private static Set<String> dispatched(CaspianConfig.Topics topics) throws Exception {
        return workloadsWhere(topics.dispatchOutcomes(), "action", "dispatched");
    }

    private static Set<String> workloadsWhere(String topic, String field, String value) throws Exception {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> record : broker.readCommitted(topic)) {
            JsonNode node = Json.parse(record.value());
            if (node.path(field).asText().equals(value)) {
                ids.add(node.path("job_id").asText());
            }
        }
        return ids;
    }

    private static void register(KafkaProducer<byte[], byte[]> producer, String topic, Site site) {
        send(producer, topic, site.name(), "{\"name\":\"" + site.name() + "\",\"geolocation\":\"" + site.zone()
                + "\",\"kubeconfig_context\":\"" + site.context() + "\",\"timestamp\":\"" + Instant.now()
                + "\",\"resources\":{\"total\":{\"cpu\":" + site.cores() + ",\"mem_gb\":8192}}}");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }
}
