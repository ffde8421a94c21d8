package io.caspian.jobs;

import io.caspian.config.CaspianConfig;
import io.caspian.sinks.elasticsearch.ElasticsearchSinks;
import io.caspian.sinks.elasticsearch.IndexedStream;
import io.caspian.sinks.elasticsearch.IndexedStreams;
import io.caspian.sinks.elasticsearch.TopicDocuments;
import io.caspian.sources.KafkaInputs;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code index}: the output topics into Elasticsearch, in a job of its own. With
 * {@code elasticsearch.separate-indexer} the streaming job writes no document itself, so an
 * Elasticsearch outage back-pressures only this job: decisions and the Kafka outputs go on, and this
 * job catches up from its committed offsets when the cluster is back. Documents and ids are those the
 * streaming job's own sinks would write ({@link TopicDocuments}), so a retried bulk or a replayed topic
 * overwrites rather than duplicates.
 */
public final class IndexingJob {

    public static final String JOB_NAME = "caspian-indexer";

    private static final Logger LOG = LoggerFactory.getLogger(IndexingJob.class);

    private IndexingJob() {}

    public static void run(CaspianConfig config) throws Exception {
        if (!config.elasticsearch().enabled()) {
            throw new IllegalStateException("mode index writes to Elasticsearch: set elasticsearch.enabled=true and elasticsearch.url");
        }
        StreamExecutionEnvironment env = StreamingJob.environment(System.getenv(StreamingJob.FLINK_CONF_ENV));
        build(env, config, KafkaInputs.Boundedness.UNBOUNDED);
        LOG.info("indexing {}, {}, {}, {}, {}, {} into {} as consumer group {}{}", config.topics().placements(),
                config.topics().auditEvents(), config.topics().deadLetter(), config.topics().analytics(), config.topics().alerts(),
                config.topics().roundSummaries(), config.elasticsearch().url(), config.kafka().groupId(),
                KafkaInputs.INDEXER_GROUP_SUFFIX);
        env.execute(JOB_NAME);
    }

    /** Wires a source per output topic to its Elasticsearch sink. */
    public static void build(StreamExecutionEnvironment env, CaspianConfig config, KafkaInputs.Boundedness boundedness) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            throw new IllegalStateException("the indexer commits its topic offsets and flushes its bulks on checkpoints, and "
                    + "checkpointing is off: set execution.checkpointing.interval in Flink's config.yaml");
        }
        CaspianConfig.Topics topics = config.topics();
        index(env, config, topics.placements(), TopicDocuments.placements(), boundedness);
        index(env, config, topics.auditEvents(), TopicDocuments.auditEvents(), boundedness);
        index(env, config, topics.deadLetter(), TopicDocuments.deadLetters(), boundedness);
        index(env, config, topics.analytics(), IndexedStreams.analyticsJson(), boundedness);
        index(env, config, topics.alerts(), IndexedStreams.alertsJson(), boundedness);
        DataStream<String> summaries = index(env, config, topics.roundSummaries(), TopicDocuments.roundSummaries(), boundedness);
        DataStream<String> rows = summaries.flatMap((FlatMapFunction<String, String>) (json, out) -> clusterRows(json, out))
                .returns(Types.STRING).name("cluster rows of each round").uid("cluster-rounds");
        ElasticsearchSinks.attach(rows, IndexedStreams.clusterRounds(), config.elasticsearch());
    }

    private static void clusterRows(String summaryJson, Collector<String> out) {
        TopicDocuments.clusterRows(summaryJson).forEach(out::collect);
    }

    private static DataStream<String> index(StreamExecutionEnvironment env, CaspianConfig config, String topic,
            IndexedStream<String> documents, KafkaInputs.Boundedness boundedness) {
        DataStream<String> values = KafkaInputs.outputValues(env, config, topic, documents.name(), boundedness);
        ElasticsearchSinks.attach(values, documents, config.elasticsearch());
        return values;
    }
}
