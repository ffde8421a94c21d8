package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import io.caspian.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elasticsearch goes away in the middle of a run and comes back on the same port with the same data:
 * the sink holds its documents, retries after back-off, and in the end every record is indexed
 * exactly once.
 */
class ElasticsearchOutageTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int DOCUMENTS = 4_000;
    private static final int PER_SECOND = 400;
    private static final Instant START = Instant.parse("2025-10-22T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String INDEX = "caspian-analytics-*";

    private static EmbeddedElasticsearch es;
    private static EsHttp http;

    @BeforeAll
    static void startNode() throws Exception {
        es = EmbeddedElasticsearch.start();
        http = new EsHttp(es.url());
    }

    @AfterAll
    static void stopNode() throws Exception {
        http.close();
        es.close();
    }

    @Test
    void everyRecordIsIndexedExactlyOnceAcrossAnOutage() throws Exception {
        CaspianConfig config = Fixtures.config(Map.of("elasticsearch.enabled", "true", "elasticsearch.url", es.url(),
                "elasticsearch.max-batch-size", "100", "elasticsearch.max-time-in-buffer", "100 ms",
                "elasticsearch.retry-initial-backoff", "50 ms", "elasticsearch.retry-max-backoff", "1 s",
                "elasticsearch.request-timeout", "5 s"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataGeneratorSource<String> windows = new DataGeneratorSource<>((GeneratorFunction<Long, String>) ElasticsearchOutageTest::window,
                DOCUMENTS, RateLimiterStrategy.perSecond(PER_SECOND), Types.STRING);
        ElasticsearchSinks.attach(env.fromSource(windows, WatermarkStrategy.noWatermarks(), "windows").uid("windows"),
                IndexedStreams.analyticsJson(), config.elasticsearch());
        JobClient job = env.executeAsync("elasticsearch-outage-test");

        long beforeOutage = awaitCount(DOCUMENTS / 5);
        es.stop();
        Thread.sleep(3_000); // the job keeps producing; the sink retries against a closed port
        es.restart();
        job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        http.refresh(INDEX);
        assertThat(beforeOutage).isLessThan(DOCUMENTS);
        assertThat(http.count(INDEX, "{\"match_all\":{}}")).isEqualTo(DOCUMENTS);
        // every generated window is there, under its own id
        String lastId = "1m@outage@" + START.plusSeconds(DOCUMENTS - 1);
        assertThat(http.count(INDEX, "{\"ids\":{\"values\":[\"1m@outage@" + START + "\",\"" + lastId + "\"]}}")).isEqualTo(2);
        assertThat(http.search(INDEX, "{\"size\":0,\"aggs\":{\"sum\":{\"sum\":{\"field\":\"decisions\"}}}}")
                .at("/aggregations/sum/value").asLong()).isEqualTo((long) DOCUMENTS * (DOCUMENTS - 1) / 2);
    }

    /** The n-th record: a one-second window whose figure is n, so the sum proves none is lost or doubled. */
    private static String window(Long n) {
        ObjectNode node = Json.object();
        node.put("window_start", START.plusSeconds(n).toString());
        node.put("window_end", START.plusSeconds(n + 1).toString());
        node.put("window", "1m");
        node.put("scope", "outage");
        node.put("decisions", n);
        return Json.write(node);
    }

    private static long awaitCount(long atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long count = http.countSoFar(INDEX);
            if (count >= atLeast) {
                return count;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + atLeast + " documents were indexed within " + WAIT);
    }
}
