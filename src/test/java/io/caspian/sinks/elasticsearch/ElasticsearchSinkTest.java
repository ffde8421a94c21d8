package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.DeadLetterJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.jobs.BoundedRun;
import io.caspian.report.AuditReport;
import io.caspian.report.ReportCommand;
import io.caspian.report.TimeRange;
import io.caspian.sinks.JsonLinesFiles;
import io.caspian.sinks.OutputLine;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.Fixtures;
import io.caspian.testing.ScenarioRuns;
import io.caspian.workflows.CaspianWorkflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo workflow on a MiniCluster with the Elasticsearch sink on every output, against a real
 * Elasticsearch node; then the logger seed's questions asked as queries.
 */
class ElasticsearchSinkTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String AUDIT = "caspian-audit-events-*";
    private static final String DAY = "2025.10.22";

    private static EmbeddedElasticsearch es;
    private static EsHttp http;
    private static CaspianConfig config;
    private static CollectedOutputs outputs;
    private static List<String> analytics;
    private static List<String> alerts;

    @BeforeAll
    static void runTheDemoIntoElasticsearch() throws Exception {
        es = EmbeddedElasticsearch.start();
        http = new EsHttp(es.url());
        config = Fixtures.config(Map.of("elasticsearch.enabled", "true", "elasticsearch.url", es.url(),
                "elasticsearch.max-time-in-buffer", "100 ms", "elasticsearch.max-batch-size", "50"));
        analytics = SampleDocuments.analytics(Instant.parse("2025-10-22T08:00:00Z"), 60, List.of("overall", "carbon-kr", "carbon-jp"));
        alerts = SampleDocuments.alerts(Instant.parse("2025-10-22T08:30:00Z"));
        outputs = runOnce();
        http.refresh("caspian-*");
    }

    /** One run of the job: the demo scenario plus sample analytics and alerts, every output indexed. */
    static CollectedOutputs runOnce() throws Exception {
        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        CaspianWorkflow.Outputs out = CaspianWorkflow.build(config, ScenarioRuns.seedScenario(env));
        CaspianConfig.Elasticsearch sink = config.elasticsearch();
        // the run's own analytics and alerts are replaced by a sample whose sums the queries can be checked against
        ElasticsearchSinks.attach(out.auditEvents(), IndexedStreams.auditEvents(), sink);
        ElasticsearchSinks.attach(out.placements(), IndexedStreams.placements(), sink);
        ElasticsearchSinks.attach(out.deadLetters(), IndexedStreams.deadLetters(), sink);
        ElasticsearchSinks.attachRoundSummaries(out.roundSummaries(), sink);
        ElasticsearchSinks.attach(env.fromData(analytics, Types.STRING).name("analytics").uid("analytics"),
                IndexedStreams.analyticsJson(), sink);
        ElasticsearchSinks.attach(env.fromData(alerts, Types.STRING).name("alerts").uid("alerts"),
                IndexedStreams.alertsJson(), sink);
        return BoundedRun.execute(env, out, "elasticsearch-sink-test", output -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (es != null) {
            es.close();
        }
    }

    @Test
    void everyAuditEventIsIndexedOnceInTheDailyIndexOfItsTimestamp() throws Exception {
        Set<String> ids = outputs.auditEvents.stream().map(AuditEvent::eventId).collect(Collectors.toSet());
        assertThat(ids).hasSize(outputs.auditEvents.size());
        assertThat(http.count(AUDIT, "{\"match_all\":{}}")).isEqualTo(ids.size());
        assertThat(http.count("caspian-audit-events-" + DAY, "{\"match_all\":{}}")).isEqualTo(ids.size());
        assertThat(http.count("caspian-placements-" + DAY, "{\"match_all\":{}}")).isEqualTo(outputs.placements.size());
        assertThat(http.count("caspian-dead-letter-*", "{\"match_all\":{}}")).isEqualTo(outputs.deadLetters.size());
        assertThat(http.count("caspian-round-summaries-*", "{\"match_all\":{}}")).isEqualTo(outputs.roundSummaries.size());
        // each round's clusters as flat rows: one document per cluster and round
        assertThat(http.count("caspian-cluster-rounds-*", "{\"match_all\":{}}"))
                .isEqualTo(outputs.roundSummaries.stream().mapToInt(s -> s.clusters().size()).sum());
        assertThat(http.count("caspian-cluster-rounds-*", "{\"range\":{\"workloads\":{\"gte\":1}}}")).isPositive();
    }

    @Test
    void indicesCarryTheTemplatesExplicitMappings() throws Exception {
        JsonNode mapping = http.get("/caspian-audit-events-" + DAY + "/_mapping").elements().next().get("mappings");
        assertThat(mapping.get("dynamic").asText()).isEqualTo("false");
        JsonNode properties = mapping.get("properties");
        assertThat(properties.at("/event_type/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/timestamp/type").asText()).isEqualTo("date");
        assertThat(properties.at("/decision/properties/cost_calculation/properties/estimated_co2_g/type").asText())
                .isEqualTo("double");
        assertThat(properties.at("/migration/properties/from_cluster/type").asText()).isEqualTo("keyword");
        JsonNode placements = http.get("/caspian-placements-" + DAY + "/_mapping").elements().next().at("/mappings/properties");
        assertThat(placements.at("/round_time/type").asText()).isEqualTo("date");
        assertThat(placements.at("/target_cluster/type").asText()).isEqualTo("keyword");
    }

    @Test
    void allEventsNewestFirstLikeTheLoggersEventList() throws Exception {
        JsonNode hits = http.search(AUDIT, "{\"size\":10,\"sort\":[{\"timestamp\":\"desc\"}]}").at("/hits/hits");
        assertThat(hits).hasSize(10);
        List<String> times = new ArrayList<>();
        hits.forEach(hit -> times.add(hit.at("/_source/timestamp").asText()));
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        long newest = outputs.auditEvents.stream().mapToLong(AuditEvent::timestampMillis).max().orElseThrow();
        assertThat(Instant.parse(times.get(0)).toEpochMilli()).isEqualTo(newest);
    }

    @Test
    void eventsByTypeMatchWhatTheJobEmitted() throws Exception {
        JsonNode buckets = http.search(AUDIT,
                "{\"size\":0,\"aggs\":{\"types\":{\"terms\":{\"field\":\"event_type\"}}}}").at("/aggregations/types/buckets");
        Map<String, Long> indexed = new TreeMap<>();
        buckets.forEach(b -> indexed.put(b.get("key").asText(), b.get("doc_count").asLong()));
        Map<String, Long> emitted = outputs.auditEvents.stream()
                .collect(Collectors.groupingBy(e -> e.eventType().wireName(), TreeMap::new, Collectors.counting()));
        assertThat(indexed).isEqualTo(emitted).containsKey(AuditEventType.WORKLOAD_RELOCATION.wireName());
    }

    @Test
    void theSeedWorkloadsTrailByWorkloadIdShowsItsMigration() throws Exception {
        JsonNode hits = http.search(AUDIT, "{\"size\":100,\"query\":{\"term\":{\"workload_id\":\"" + DemoScenario.SEED_JOB
                + "\"}},\"sort\":[{\"timestamp\":\"asc\"}]}").at("/hits/hits");
        long emitted = outputs.auditEvents.stream().filter(e -> DemoScenario.SEED_JOB.equals(e.workloadId())).count();
        assertThat(hits).hasSize((int) emitted);
        List<JsonNode> relocations = new ArrayList<>();
        hits.forEach(h -> {
            if (h.at("/_source/event_type").asText().equals("workload_relocation")) {
                relocations.add(h.get("_source"));
            }
        });
        assertThat(relocations).singleElement().satisfies(r -> {
            assertThat(r.at("/migration/from_cluster").asText()).isEqualTo("carbon-kr");
            assertThat(r.at("/migration/to_cluster").asText()).isEqualTo("carbon-jp");
            assertThat(r.at("/trigger").asText()).isEqualTo("carbon_intensity_change");
        });
    }

    @Test
    void analyticsOverATimeRangeSumTheWindowsInside() throws Exception {
        String from = "2025-10-22T08:10:00Z";
        String to = "2025-10-22T08:40:00Z";
        JsonNode result = http.search("caspian-analytics-*", "{\"size\":0,\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"window\":\"1m\"}},{\"term\":{\"scope\":\"overall\"}},"
                + "{\"range\":{\"window_start\":{\"gte\":\"" + from + "\",\"lt\":\"" + to + "\"}}}]}},"
                + "\"aggs\":{\"decisions\":{\"sum\":{\"field\":\"decisions\"}},\"saved\":{\"sum\":{\"field\":\"net_saved_co2_g\"}},"
                + "\"p95\":{\"max\":{\"field\":\"decision_latency_p95_ms\"}}}}");
        SampleDocuments.Expected expected = SampleDocuments.expectedOverall(analytics, Instant.parse(from), Instant.parse(to));
        assertThat(result.at("/hits/total/value").asLong()).isEqualTo(expected.windows()).isEqualTo(30);
        assertThat(result.at("/aggregations/decisions/value").asDouble()).isEqualTo(expected.decisions());
        assertThat(result.at("/aggregations/saved/value").asDouble()).isCloseTo(expected.savedCo2G(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.at("/aggregations/p95/value").asDouble()).isEqualTo(expected.maxP95Ms());
    }

    @Test
    void activeAlertsAreTheLatestStateOfEachAlertWhenItIsFired() throws Exception {
        JsonNode hits = http.search("caspian-alerts-*", "{\"size\":100,\"collapse\":{\"field\":\"alert_id\"},"
                + "\"sort\":[{\"timestamp\":\"desc\"}]}").at("/hits/hits");
        Set<String> active = new HashSet<>();
        hits.forEach(h -> {
            if (h.at("/_source/state").asText().equals("fired")) {
                active.add(h.at("/_source/alert_id").asText());
            }
        });
        assertThat(active).isEqualTo(SampleDocuments.activeAlertIds(alerts));
        assertThat(http.count("caspian-alerts-*", "{\"match_all\":{}}")).isEqualTo(alerts.size());
    }

    @Test
    void theReportFromElasticsearchEqualsTheReportFromTheSameRunsFiles(@TempDir Path folder) throws Exception {
        writeFiles(folder);
        TimeRange day = new TimeRange(Instant.parse("2025-10-22T00:00:00Z"), Instant.parse("2025-10-23T00:00:00Z"));
        AuditReport fromFiles = ReportCommand.build(config, Map.of("events", folder.toString()), day);
        AuditReport fromEs = ReportCommand.build(config, Map.of("source", "es", "es-url", es.url()), day);
        // decision times are wall-clock measurements: a replay (another test) may have overwritten them
        assertThat(fromEs.decisions().total()).isEqualTo(fromFiles.decisions().total()).isPositive();
        assertThat(fromEs.decisions().byOutcome()).isEqualTo(fromFiles.decisions().byOutcome());
        assertThat(fromEs.decisions().bySelectedCluster()).isEqualTo(fromFiles.decisions().bySelectedCluster());
        assertThat(fromEs.migrations()).isEqualTo(fromFiles.migrations()).isNotEmpty();
        assertThat(fromEs.carbon()).isEqualTo(fromFiles.carbon());
        assertThat(fromFiles.carbon().emittedG()).isPositive();
        assertThat(fromFiles.carbon().series()).isNotEmpty();
        assertThat(fromEs.sla()).isEqualTo(fromFiles.sla());
        assertThat(fromEs.alerts()).isEqualTo(fromFiles.alerts()).hasSize(alerts.size());
        assertThat(fromEs.activeAlerts()).containsExactlyInAnyOrderElementsOf(SampleDocuments.activeAlertIds(alerts));
        assertThat(fromEs.deadLettersByReason()).isEqualTo(fromFiles.deadLettersByReason()).isNotEmpty();
    }

    private static void writeFiles(Path folder) throws Exception {
        try (JsonLinesFiles files = new JsonLinesFiles(folder, "audit-events", "placements", "dead-letter", "analytics", "alerts",
                "round-summaries")) {
            outputs.roundSummaries.forEach(s -> files.write(new OutputLine("round-summaries", RoundSummaryJson.write(s))));
            outputs.auditEvents.forEach(e -> files.write(new OutputLine("audit-events", AuditEventJson.write(e))));
            outputs.placements.forEach(p -> files.write(new OutputLine("placements", PlacementJson.write(p))));
            outputs.deadLetters.forEach(d -> files.write(new OutputLine("dead-letter", DeadLetterJson.write(d))));
            analytics.forEach(a -> files.write(new OutputLine("analytics", a)));
            alerts.forEach(a -> files.write(new OutputLine("alerts", a)));
        }
    }

    @Test
    void aReplayOfTheSameRunOverwritesInsteadOfDuplicating() throws Exception {
        long events = http.count(AUDIT, "{\"match_all\":{}}");
        long placements = http.count("caspian-placements-*", "{\"match_all\":{}}");
        long deadLetters = http.count("caspian-dead-letter-*", "{\"match_all\":{}}");
        runOnce();
        http.refresh("caspian-*");
        assertThat(http.count(AUDIT, "{\"match_all\":{}}")).isEqualTo(events);
        assertThat(http.count("caspian-placements-*", "{\"match_all\":{}}")).isEqualTo(placements);
        assertThat(http.count("caspian-dead-letter-*", "{\"match_all\":{}}")).isEqualTo(deadLetters);
    }
}
