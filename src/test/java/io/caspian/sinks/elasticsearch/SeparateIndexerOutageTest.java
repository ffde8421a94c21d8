package io.caspian.sinks.elasticsearch;

import static io.caspian.kafka.CommitClock.MIN_RATE_SHARE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.bench.BenchInput;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.jobs.IndexingJob;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.kafka.CommitClock;
import io.caspian.kafka.CommitClock.Window;
import io.caspian.kafka.PacedProducer;
import io.caspian.kafka.StreamingRuns;
import io.caspian.sources.KafkaInputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's failure-domain figure, on a real broker and a real Elasticsearch node: the streaming job
 * ({@code elasticsearch.separate-indexer: true}) and the indexer job run side by side while carbon
 * readings arrive at a steady rate; the node is stopped for 60 s and started again on the same port and
 * data path. The scheduling job's commits to Kafka, as a {@code read_committed} consumer sees them, go
 * on during the outage at no less than 80 % of their rate before it; once the node is back the indexer
 * catches up, and every committed record of the indexed topics is one document, under its own id.
 *
 * <p>The rate is measured on the round summaries: a round writes exactly one whatever it decides, so
 * their rate is the rate of decisions made. Placements are written only when a plan changes and come in
 * bursts; their figures are printed, not compared. The readings advance event time by
 * {@link #STEPS_PER_SECOND} seconds a wall second with one-minute rounds, about two rounds a second.
 */
class SeparateIndexerOutageTest extends WithBrokerAndElasticsearch {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final int ZONES = 3;
    private static final int WORKLOADS = 20;
    /** Event-time seconds of readings a wall second; with one-minute rounds, two rounds a second. */
    private static final int STEPS_PER_SECOND = 120;
    private static final String PREFIX = "outage";
    /**
     * {@code -Dcaspian.outage.separate-indexer=false} runs the same measurement with the streaming job
     * indexing through its own sinks as well, the shape the indexer replaces: the comparison then fails.
     */
    private static final String SEPARATE_INDEXER_PROPERTY = "caspian.outage.separate-indexer";

    @Test
    void decisionsKeepCommittingThroughA60SecondOutageAndEveryRecordIsIndexedOnce(@TempDir Path checkpoints) throws Exception {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), PREFIX, Map.ofEntries(
                Map.entry("elasticsearch.enabled", "true"), Map.entry("elasticsearch.url", es.url()),
                Map.entry("elasticsearch.separate-indexer", System.getProperty(SEPARATE_INDEXER_PROPERTY, "true")),
                Map.entry("elasticsearch.index-prefix", PREFIX),
                Map.entry("elasticsearch.max-time-in-buffer", "100 ms"), Map.entry("elasticsearch.retry-initial-backoff", "50 ms"),
                Map.entry("elasticsearch.retry-max-backoff", "1 s"), Map.entry("elasticsearch.request-timeout", "5 s"),
                Map.entry("scheduler.interval", "1 min"),
                // clusters and workloads fall quiet after their first records: they must not hold event time back
                Map.entry("watermarks.idleness", "2 s")));
        CaspianConfig.Topics topics = config.topics();
        broker.create(TopicSetup.topics(topics, (short) 1));
        BenchInput input = new BenchInput(ZONES, WORKLOADS);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            input.produceFleet(producer, topics.clusters(), topics.workloads());
        }

        CommitClock commits = new CommitClock(broker,
                List.of(topics.roundSummaries(), topics.placements(), topics.auditEvents()));
        PacedProducer readings = steadyReadings(input, topics.carbonIntensity());
        JobClient streaming = null;
        JobClient indexer = null;
        try {
            commits.start();
            readings.start();
            StreamExecutionEnvironment scheduling = StreamExecutionEnvironment.getExecutionEnvironment(
                    StreamingRuns.flink(checkpoints.resolve("streaming"), 0));
            StreamingJob.build(scheduling, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
            streaming = scheduling.executeAsync(StreamingJob.JOB_NAME);
            StreamExecutionEnvironment indexing = StreamExecutionEnvironment.getExecutionEnvironment(indexerFlink(checkpoints));
            IndexingJob.build(indexing, config, KafkaInputs.Boundedness.UNBOUNDED);
            indexer = indexing.executeAsync(IndexingJob.JOB_NAME);

            // both jobs at work: summaries committed and indexed
            awaitIndexed(summaryPattern(), CATCH_UP);
            CommitClock.Outage outage = commits.measure(es::stop, es::restart);
            readings.stop();

            Window before = outage.before();
            Window during = outage.during();
            double share = during.share(before, topics.roundSummaries());
            System.out.printf(Locale.ROOT, "Elasticsearch down (stop to restart) for %.1f s; %d readings/s offered%n",
                    during.seconds(), STEPS_PER_SECOND * ZONES);
            commits.print(before, during);
            System.out.printf(Locale.ROOT, "round summaries committed during the outage at %.0f %% of the rate before it%n", 100 * share);
            assertThat(before.count(topics.roundSummaries())).as("summaries committed before the outage").isGreaterThan(10);
            assertThat(share).as("commit rate of the round summaries during the outage against before it")
                    .isGreaterThanOrEqualTo(MIN_RATE_SHARE);

            // the streaming job ran through the outage without failing (no restart strategy: a failure would
            // have ended it); it is stopped now, since it still turns rounds over the input it buffered and
            // would commit more records between reading the topics and counting the documents
            assertThat(streaming.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            StreamingRuns.cancelAndWait(streaming);
            streaming = null;

            // after recovery: each committed record of the indexed topics is one document, under its own id
            Map<String, Expected> expected = awaitCaughtUp(topics);
            for (Expected stream : expected.values()) {
                System.out.printf(Locale.ROOT, "%-24s %5d committed records, %5d documents%n", stream.pattern, stream.ids.size(),
                        http.count(stream.pattern, "{\"match_all\":{}}"));
                assertThat(http.count(stream.pattern, "{\"match_all\":{}}")).as(stream.pattern).isEqualTo(stream.ids.size());
                assertThat(stream.ids).as("ids of " + stream.pattern).doesNotHaveDuplicates();
                // the ids query counts a document under an id in two daily indices twice
                assertThat(http.count(stream.pattern, idsQuery(stream.ids))).as("documents under the records' ids in " + stream.pattern)
                        .isEqualTo(stream.ids.size());
            }
            assertThat(expected.get(topics.roundSummaries()).ids).hasSizeGreaterThan(before.count(topics.roundSummaries()));
            // nor did the indexer fail on the way
            assertThat(indexer.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            readings.stop();
            commits.stop();
            if (indexer != null) {
                StreamingRuns.cancelAndWait(indexer);
            }
            if (streaming != null) {
                StreamingRuns.cancelAndWait(streaming);
            }
        }
    }

    /** The indexer on one slot and one-second checkpoints: it shares the machine with the job it indexes. */
    private static Configuration indexerFlink(Path checkpoints) {
        Configuration conf = StreamingRuns.flink(checkpoints.resolve("indexer"), 0);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.setString("execution.checkpointing.interval", "1 s");
        return conf;
    }

    private static String summaryPattern() {
        return PREFIX + "-" + IndexedStreams.ROUND_SUMMARIES + "-*";
    }

    /** The ids the committed records of a topic must have in Elasticsearch, read from each record's own fields. */
    private record Expected(String pattern, List<String> ids) {}

    /**
     * Waits until, for every indexed topic, Elasticsearch holds as many documents as the topic has
     * committed records (the job may still commit its last rounds, so both are read again each time).
     */
    private static Map<String, Expected> awaitCaughtUp(CaspianConfig.Topics topics) throws Exception {
        Map<String, Function<JsonNode, String>> idOf = new LinkedHashMap<>();
        idOf.put(topics.roundSummaries(), record -> record.get("summary_id").asText());
        idOf.put(topics.placements(), record -> record.get("job_id").asText() + "@" + record.get("round_time").asText());
        idOf.put(topics.auditEvents(), record -> record.get("event_id").asText());
        idOf.put(topics.analytics(), record -> record.get("record_id").asText());
        Map<String, String> streams = Map.of(topics.roundSummaries(), IndexedStreams.ROUND_SUMMARIES, topics.placements(),
                IndexedStreams.PLACEMENTS, topics.auditEvents(), IndexedStreams.AUDIT_EVENTS, topics.analytics(),
                IndexedStreams.ANALYTICS);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            Map<String, Expected> expected = new LinkedHashMap<>();
            boolean caughtUp = true;
            for (Map.Entry<String, Function<JsonNode, String>> topic : idOf.entrySet()) {
                List<String> ids = new ArrayList<>();
                for (ConsumerRecord<String, String> record : broker.readCommitted(topic.getKey())) {
                    ids.add(topic.getValue().apply(Json.parse(record.value())));
                }
                String pattern = PREFIX + "-" + streams.get(topic.getKey()) + "-*";
                caughtUp &= http.countSoFar(pattern) == ids.size();
                expected.put(topic.getKey(), new Expected(pattern, ids));
            }
            if (caughtUp || System.nanoTime() > deadline) {
                return expected;
            }
            Thread.sleep(500);
        }
    }

    private static void awaitIndexed(String pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.countSoFar(pattern) > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no round summary was indexed within " + timeout);
    }

    private static String idsQuery(List<String> ids) {
        return "{\"ids\":{\"values\":" + Json.write(Json.MAPPER.valueToTree(ids)) + "}}";
    }

    /** Carbon readings of every zone, {@link #STEPS_PER_SECOND} steps of event time per wall second, until stopped. */
    private static PacedProducer steadyReadings(BenchInput input, String topic) {
        return new PacedProducer(broker, "steady-readings", STEPS_PER_SECOND, (producer, step) -> {
            for (int z = 0; z < ZONES; z++) {
                BenchInput.send(producer, topic, BenchInput.zone(z), input.reading(z, step));
            }
        });
    }
}
