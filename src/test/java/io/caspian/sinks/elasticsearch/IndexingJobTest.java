package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.DeadLetterJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.IndexingJob;
import io.caspian.kafka.StreamingRuns;
import io.caspian.sources.KafkaInputs;
import io.caspian.testing.Fixtures;
import io.caspian.testing.ScenarioRuns;
import io.caspian.workflows.CaspianWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode {@code index} on a real broker and a real Elasticsearch node: the seed scenario's outputs, as the
 * streaming job writes them to its topics, indexed by the indexer job give exactly the documents, under
 * exactly the ids, that the streaming job's own sinks give the same run; indexing again duplicates none.
 */
class IndexingJobTest extends WithBrokerAndElasticsearch {

    @Test
    void theIndexerWritesWhatTheJobsOwnSinksWriteAndNoDocumentTwice(@TempDir Path checkpoints) throws Exception {
        // the seed scenario once, indexed by the workflow's own sinks under the prefix "injob"
        CaspianConfig inJob = Fixtures.config(Map.of("elasticsearch.enabled", "true", "elasticsearch.url", es.url(),
                "elasticsearch.index-prefix", "injob", "elasticsearch.max-time-in-buffer", "100 ms"));
        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        CaspianWorkflow.Outputs outputs = CaspianWorkflow.build(inJob, ScenarioRuns.seedScenario(env));
        ElasticsearchSinks.attachAll(outputs, inJob.elasticsearch());
        CollectedOutputs run = BoundedRun.execute(env, outputs, "indexing-reference", output -> { });

        // the same records on the output topics, as the streaming job writes them
        CaspianConfig indexer = StreamingRuns.config(broker.bootstrapServers(), "indexed", Map.of("elasticsearch.enabled", "true",
                "elasticsearch.url", es.url(), "elasticsearch.index-prefix", "indexer", "elasticsearch.max-time-in-buffer", "100 ms",
                "elasticsearch.separate-indexer", "true"));
        CaspianConfig.Topics topics = indexer.topics();
        broker.createTopics(topics.outputs(), 2);
        broker.produce(topics.placements(), run.placements.stream().map(PlacementJson::write).toList());
        broker.produce(topics.auditEvents(), run.auditEvents.stream().map(AuditEventJson::write).toList());
        broker.produce(topics.deadLetter(), run.deadLetters.stream().map(DeadLetterJson::write).toList());
        broker.produce(topics.analytics(), run.analytics.stream().map(AnalyticsRecordJson::write).toList());
        broker.produce(topics.alerts(), run.alerts.stream().map(AlertJson::write).toList());
        broker.produce(topics.roundSummaries(), run.roundSummaries.stream().map(RoundSummaryJson::write).toList());

        indexOnce(indexer, checkpoints.resolve("first"));
        http.refresh("injob-*,indexer-*");
        for (String stream : List.of(IndexedStreams.PLACEMENTS, IndexedStreams.AUDIT_EVENTS, IndexedStreams.DEAD_LETTER,
                IndexedStreams.ANALYTICS, IndexedStreams.ALERTS, IndexedStreams.ROUND_SUMMARIES, IndexedStreams.CLUSTER_ROUNDS)) {
            Map<String, JsonNode> reference = documents("injob-" + stream + "-*");
            Map<String, JsonNode> indexed = documents("indexer-" + stream + "-*");
            if (!stream.equals(IndexedStreams.ALERTS)) { // the seed scenario has no alert rules
                assertThat(reference).as(stream).isNotEmpty();
            }
            assertThat(indexed.keySet()).as(stream + " ids").isEqualTo(reference.keySet());
            // as text: the same bytes in Elasticsearch
            reference.forEach((id, document) -> assertThat(indexed.get(id).toString()).as(stream + " " + id)
                    .isEqualTo(document.toString()));
        }

        // a second indexer over the same topics (a replay: its offsets start over) overwrites
        long before = http.count("indexer-*", "{\"match_all\":{}}");
        indexOnce(StreamingRuns.config(broker.bootstrapServers(), "indexed", Map.of("elasticsearch.enabled", "true",
                "elasticsearch.url", es.url(), "elasticsearch.index-prefix", "indexer", "elasticsearch.max-time-in-buffer", "100 ms",
                "kafka.group-id", "replayed")), checkpoints.resolve("second"));
        http.refresh("indexer-*");
        assertThat(http.count("indexer-*", "{\"match_all\":{}}")).isEqualTo(before).isPositive();
    }

    private static void indexOnce(CaspianConfig config, Path checkpoints) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(StreamingRuns.flink(checkpoints, 0));
        IndexingJob.build(env, config, KafkaInputs.Boundedness.UP_TO_LATEST);
        env.execute(IndexingJob.JOB_NAME);
    }

    /** Every document of the indices, by id. */
    private static Map<String, JsonNode> documents(String pattern) throws Exception {
        Map<String, JsonNode> byId = new TreeMap<>();
        JsonNode hits = http.search(pattern, "{\"size\":10000,\"query\":{\"match_all\":{}}}").at("/hits/hits");
        hits.forEach(hit -> byId.put(hit.get("_id").asText(), hit.get("_source")));
        return byId;
    }
}
