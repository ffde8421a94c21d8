package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig;
import io.caspian.events.RoundSummary;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.workflows.CaspianWorkflow;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.util.Collector;

/**
 * Attaches an Elasticsearch sink to an output stream in one line, for example
 * {@code ElasticsearchSinks.attach(outputs.auditEvents(), IndexedStreams.auditEvents(), config.elasticsearch());}
 */
public final class ElasticsearchSinks {

    private ElasticsearchSinks() {}

    /** Attaches the sink, named and with a stable uid; nothing when {@code elasticsearch.enabled} is false. */
    public static <T> Optional<DataStreamSink<T>> attach(DataStream<T> stream, IndexedStream<T> indexed,
            CaspianConfig.Elasticsearch config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return Optional.of(stream.sinkTo(new ElasticsearchSink<>(indexed, config))
                .name("elasticsearch " + indexed.name())
                .uid("elasticsearch-" + indexed.name()));
    }

    /** Attaches a sink to every output of the workflow: audit events, placements, dead letters, analytics, alerts,
     * round summaries, and each round's clusters as flat rows. */
    public static void attachAll(CaspianWorkflow.Outputs outputs, CaspianConfig.Elasticsearch config) {
        attach(outputs.auditEvents(), IndexedStreams.auditEvents(), config);
        attach(outputs.placements(), IndexedStreams.placements(), config);
        attach(outputs.deadLetters(), IndexedStreams.deadLetters(), config);
        attach(outputs.analytics(), IndexedStreams.analytics(), config);
        attach(outputs.alerts(), IndexedStreams.alerts(), config);
        attachRoundSummaries(outputs.roundSummaries(), config);
    }

    /** The round summaries, and each round's clusters as flat rows for per-cluster dashboards. */
    public static void attachRoundSummaries(DataStream<RoundSummary> summaries, CaspianConfig.Elasticsearch config) {
        attach(summaries, IndexedStreams.roundSummaries(), config);
        if (config.enabled()) {
            DataStream<String> rows = summaries
                    .flatMap((RoundSummary summary, Collector<String> out) -> RoundSummaryJson.clusterDocuments(summary).forEach(out::collect))
                    .returns(Types.STRING).name("cluster rows of each round").uid("cluster-rounds");
            attach(rows, IndexedStreams.clusterRounds(), config);
        }
    }
}
