package io.caspian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.json.Json;
import io.caspian.sinks.elasticsearch.ElasticsearchSinks;
import io.caspian.sinks.elasticsearch.EmbeddedElasticsearch;
import io.caspian.sinks.elasticsearch.IndexedStream;
import io.caspian.sinks.elasticsearch.IndexNaming;
import io.caspian.sinks.elasticsearch.IndexTemplates;
import io.caspian.sinks.elasticsearch.IndexedStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Indexing rate of the Elasticsearch sink into a local node, and the latency of the logger seed's
 * queries over what was indexed. Prints figures; see docs/elasticsearch.md for the command.
 *
 * <p>Arguments: {@code [documents (default 1000000)] [query repetitions (default 5)]}. {@code
 * BenchmarkSmokeTest} runs it at a tiny size so that it keeps working.
 */
public final class ElasticsearchBenchmark {

    private static final String INDEX = "caspian-audit-events-*";
    private static final String ANALYTICS = "caspian-analytics-*";
    private static final String[] SCOPES = {"overall", "carbon-kr", "carbon-jp", "carbon-cn"};

    /**
     * What one run measured.
     *
     * @param medianMillis each query's median time, by "raw", "merged" or "windows" and the query's name
     */
    public record Figures(double documentsPerSecond, long documentsCounted, Map<String, Long> medianMillis) {}

    private ElasticsearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        long documents = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run(documents, repetitions, System.out);
        System.exit(0);
    }

    public static Figures run(long documents, int repetitions, PrintStream out) throws Exception {
        Map<String, Long> medians = new LinkedHashMap<>();
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start();
                RestClient client = RestClient.builder(HttpHost.create(es.url())).build()) {
            out.printf(Locale.ROOT, "Elasticsearch %s node at %s, JVM max heap %d MB, %d cores%n",
                    org.elasticsearch.Version.CURRENT, es.url(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            rawBulk(out, client, Math.min(documents, 100_000));
            double rate = index(out, es.url(), documents);
            send(client, "POST", "/" + INDEX + "/_refresh", null);
            long count = send(client, "GET", "/" + INDEX + "/_count", null).get("count").asLong();
            out.printf(Locale.ROOT, "documents in the index after refresh: %,d (expected %,d)%n", count, documents);
            out.println("-- the seed's queries over the raw events, as indexed --");
            queries(out, client, INDEX, seedQueries(), repetitions, "raw", medians);
            send(client, "POST", "/" + INDEX + "/_forcemerge?max_num_segments=1", null);
            out.println("-- the same after a force-merge to one segment (a finished day's index) --");
            queries(out, client, INDEX, seedQueries(), repetitions, "merged", medians);
            indexAnalyticsWindows(out, client, documents);
            out.println("-- the seed's /analytics questions from the analytics windows the job pre-aggregates --");
            queries(out, client, ANALYTICS, analyticsQueries(), repetitions, "windows", medians);
            return new Figures(rate, count, medians);
        }
    }

    private static double index(PrintStream out, String url, long documents) throws Exception {
        CaspianConfig config = new ConfigLoader().load(null, Map.of("elasticsearch.enabled", "true", "elasticsearch.url", url));
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        TypeInformation<Tuple3<String, Long, String>> type = TypeInformation.of(new TypeHint<>() { });
        DataGeneratorSource<Tuple3<String, Long, String>> source = new DataGeneratorSource<>(
                (GeneratorFunction<Long, Tuple3<String, Long, String>>) SyntheticAuditEvents::event, documents,
                RateLimiterStrategy.noOp(), type);
        IndexedStream<Tuple3<String, Long, String>> stream = IndexedStreams.of(IndexedStreams.AUDIT_EVENTS, t -> t.f2, t -> t.f0,
                t -> t.f1);
        ElasticsearchSinks.attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "synthetic audit events")
                .uid("synthetic-audit-events"), stream, config.elasticsearch());
        long started = System.nanoTime();
        env.execute("elasticsearch-benchmark");
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "indexing: %,d documents in %.1f s = %,.0f documents/s "
                        + "(sink parallelism 2, bulk %d docs, %d in flight per subtask; job start and final flush included)%n",
                documents, seconds, documents / seconds, config.elasticsearch().maxBatchSize(), config.elasticsearch().maxInFlight());
        return documents / seconds;
    }

    /**
     * The node's own ceiling on this machine, for comparison: the same documents posted as bulks of
     * 1000 by two plain client threads, into an index that is deleted afterwards.
     */
    private static void rawBulk(PrintStream out, RestClient client, long documents) throws Exception {
        String index = "caspian-audit-events-raw";
        long started = System.nanoTime();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                try {
                    for (long from = thread * 1000L; from < documents; from += 2000) {
                        StringBuilder bulk = new StringBuilder();
                        for (long n = from; n < Math.min(from + 1000, documents); n++) {
                            Tuple3<String, Long, String> event = SyntheticAuditEvents.event(n);
                            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(event.f0)
                                    .append("\"}}\n").append(event.f2).append('\n');
                        }
                        Request request = new Request("POST", "/_bulk");
                        request.setJsonEntity(bulk.toString());
                        client.performRequest(request);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "plain bulk client, for comparison: %,d documents in %.1f s = %,.0f documents/s%n",
                documents, seconds, documents / seconds);
        send(client, "DELETE", "/" + index, null);
    }

    /** The logger seed's questions (GET /events..., /analytics/..., /alerts/active) as queries. */
    static Map<String, String> seedQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("all events, newest 100", "{\"size\":100,\"sort\":[{\"timestamp\":\"desc\"}]}");
        queries.put("events by type (count per type + newest 100 relocations)", "{\"size\":100,\"query\":{\"term\":"
                + "{\"event_type\":\"workload_relocation\"}},\"sort\":[{\"timestamp\":\"desc\"}],\"aggs\":{\"types\":{\"terms\":"
                + "{\"field\":\"event_type\"}}},\"track_total_hits\":true}");
        queries.put("events of one workload", "{\"size\":100,\"query\":{\"term\":{\"workload_id\":\"wl-4242\"}},"
                + "\"sort\":[{\"timestamp\":\"asc\"}]}");
        queries.put("scheduling performance per hour (count, outcome, latency avg/p50/p95/p99)", "{\"size\":0,\"query\":{\"term\":"
                + "{\"event_type\":\"scheduling_decision\"}},\"aggs\":{\"hours\":{\"date_histogram\":{\"field\":\"timestamp\","
                + "\"fixed_interval\":\"1h\"},\"aggs\":{\"outcomes\":{\"terms\":{\"field\":\"decision.outcome\"}},"
                + "\"latency\":{\"percentiles\":{\"field\":\"execution_time_ms\",\"percents\":[50,95,99]}},"
                + "\"avg_latency\":{\"avg\":{\"field\":\"execution_time_ms\"}}}}}}");
        queries.put("cost efficiency per cluster (gCO2 and kWh against the baseline)", "{\"size\":0,\"query\":{\"term\":"
                + "{\"event_type\":\"scheduling_decision\"}},\"aggs\":{\"clusters\":{\"terms\":{\"field\":\"decision.selected_cluster\"},"
                + "\"aggs\":{\"co2\":{\"sum\":{\"field\":\"decision.cost_calculation.estimated_co2_g\"}},\"baseline\":{\"sum\":"
                + "{\"field\":\"decision.cost_calculation.baseline_co2_g\"}},\"kwh\":{\"sum\":{\"field\":"
                + "\"decision.cost_calculation.energy_kwh\"}}}}}}");
        queries.put("migration flows (from x to, count and cost)", "{\"size\":0,\"query\":{\"term\":{\"event_type\":"
                + "\"workload_relocation\"}},\"aggs\":{\"from\":{\"terms\":{\"field\":\"migration.from_cluster\"},\"aggs\":{\"to\":"
                + "{\"terms\":{\"field\":\"migration.to_cluster\"},\"aggs\":{\"cost\":{\"sum\":{\"field\":"
                + "\"migration.migration_cost_gco2\"}}}}}}}}");
        queries.put("inefficiencies in a 6-hour range by cluster", "{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"term\":"
                + "{\"event_type\":\"inefficiency_detected\"}},{\"range\":{\"timestamp\":{\"gte\":\"2025-10-22T06:00:00Z\","
                + "\"lt\":\"2025-10-22T12:00:00Z\"}}}]}},\"aggs\":{\"clusters\":{\"terms\":{\"field\":\"inefficiency.cluster\"},"
                + "\"aggs\":{\"co2\":{\"sum\":{\"field\":\"inefficiency.wasted_co2_g\"}}}}}}");
        return queries;
    }

    /**
     * One document per 1-minute and 1-hour window and scope over the events' time span, in the
     * analytics operator's shape, so the seed's /analytics questions can be timed where the product
     * answers them.
     */
    private static void indexAnalyticsWindows(PrintStream out, RestClient client, long documents) throws IOException {
        // as the job's sink would: the template first, so the windows get its mappings
        IndexTemplates.installIfAbsent(client, new IndexNaming("caspian", IndexedStreams.ANALYTICS, CaspianConfig.IndexMode.DAILY));
        long spanMinutes = documents * SyntheticAuditEvents.STEP_MILLIS / 60_000 + 1;
        StringBuilder bulk = new StringBuilder();
        int count = 0;
        for (String window : new String[] {"1m", "1h"}) {
            long step = window.equals("1m") ? 1 : 60;
            for (long minute = 0; minute < spanMinutes; minute += step) {
                for (String scope : SCOPES) {
                    java.time.Instant start = SyntheticAuditEvents.START.plusSeconds(minute * 60);
                    String id = window + "@" + scope + "@" + start;
                    bulk.append("{\"index\":{\"_index\":\"caspian-analytics-2025.10.22\",\"_id\":\"").append(id).append("\"}}\n");
                    bulk.append(String.format(Locale.ROOT, "{\"window_start\":\"%s\",\"window_end\":\"%s\",\"window\":\"%s\","
                            + "\"scope\":\"%s\",\"decisions\":%d,\"success_rate_pct\":%.1f,\"decision_latency_avg_ms\":%.1f,"
                            + "\"decision_latency_p95_ms\":%d,\"decision_latency_p99_ms\":%d,\"emitted_co2_g\":%.1f,"
                            + "\"baseline_co2_g\":%.1f,\"net_saved_co2_g\":%.1f,\"energy_kwh\":%.3f,\"deadlines_met_pct\":%.1f,"
                            + "\"completion_to_deadline_ratio\":%.3f}%n", start, start.plusSeconds(step * 60), window, scope,
                            500 * step, 95.0 + minute % 5, 20.0 + minute % 7, 40 + minute % 9, 48 + minute % 11, 5000.0 * step,
                            6500.0 * step, 1500.0 * step, 12.5 * step, 97.0 + minute % 3, 0.6 + (minute % 4) / 10.0));
                    count++;
                }
            }
        }
        Request request = new Request("POST", "/_bulk?refresh=true");
        request.setJsonEntity(bulk.toString());
        client.performRequest(request);
        out.printf(Locale.ROOT, "analytics windows indexed: %,d (1-minute and 1-hour, %d scopes)%n", count, SCOPES.length);
    }

    static Map<String, String> analyticsQueries() {
        String range = "{\"range\":{\"window_start\":{\"gte\":\"2025-10-22T06:00:00Z\",\"lt\":\"2025-10-22T18:00:00Z\"}}}";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("scheduling performance, 12 h of 1-minute windows per scope", "{\"size\":0,\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"window\":\"1m\"}}," + range + "]}},\"aggs\":{\"scopes\":{\"terms\":{\"field\":\"scope\"},"
                + "\"aggs\":{\"decisions\":{\"sum\":{\"field\":\"decisions\"}},\"avg\":{\"avg\":{\"field\":"
                + "\"decision_latency_avg_ms\"}},\"p95\":{\"max\":{\"field\":\"decision_latency_p95_ms\"}},"
                + "\"p99\":{\"max\":{\"field\":\"decision_latency_p99_ms\"}}}}}}");
        queries.put("cost efficiency, 12 h of 1-hour overall windows", "{\"size\":24,\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"window\":\"1h\"}},{\"term\":{\"scope\":\"overall\"}}," + range + "]}},"
                + "\"sort\":[{\"window_start\":\"asc\"}],\"aggs\":{\"emitted\":{\"sum\":{\"field\":\"emitted_co2_g\"}},"
                + "\"baseline\":{\"sum\":{\"field\":\"baseline_co2_g\"}},\"kwh\":{\"sum\":{\"field\":\"energy_kwh\"}}}}");
        queries.put("SLA compliance per hour, whole span", "{\"size\":0,\"query\":{\"term\":{\"window\":\"1h\"}},"
                + "\"aggs\":{\"hours\":{\"date_histogram\":{\"field\":\"window_start\",\"fixed_interval\":\"1h\"},"
                + "\"aggs\":{\"met\":{\"avg\":{\"field\":\"deadlines_met_pct\"}},\"ratio\":{\"avg\":{\"field\":"
                + "\"completion_to_deadline_ratio\"}}}}}}");
        return queries;
    }

    private static void queries(PrintStream out, RestClient client, String index, Map<String, String> queries, int repetitions,
            String phase, Map<String, Long> medians) throws IOException {
        out.printf(Locale.ROOT, "%-75s %9s %9s %9s %9s%n", "query", "first ms", "min ms", "median ms", "max ms");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            // the request cache would answer repeats of a size-0 query without work; measure the work
            String path = "/" + index + "/_search?request_cache=false";
            long first = timed(client, path, query.getValue());
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                times.add(timed(client, path, query.getValue()));
            }
            times.sort(null);
            out.printf(Locale.ROOT, "%-75s %9d %9d %9d %9d%n", query.getKey(), first, times.get(0),
                    times.get(times.size() / 2), times.get(times.size() - 1));
            medians.put(phase + ": " + query.getKey(), times.get(times.size() / 2));
        }
    }

    private static long timed(RestClient client, String path, String body) throws IOException {
        long started = System.nanoTime();
        send(client, "POST", path, body);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static JsonNode send(RestClient client, String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        var response = client.performRequest(request);
        return Json.MAPPER.readTree(new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
    }
}
