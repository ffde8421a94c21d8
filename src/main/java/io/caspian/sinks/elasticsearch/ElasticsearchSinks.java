package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig;
import io.caspian.workflows.CaspianWorkflow;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

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

    /** Attaches a sink to every output of the workflow: audit events, placements, dead letters, analytics, alerts. */
    public static void attachAll(CaspianWorkflow.Outputs outputs, CaspianConfig.Elasticsearch config) {
        attach(outputs.auditEvents(), IndexedStreams.auditEvents(), config);
        attach(outputs.placements(), IndexedStreams.placements(), config);
        attach(outputs.deadLetters(), IndexedStreams.deadLetters(), config);
        attach(outputs.analytics(), IndexedStreams.analytics(), config);
        attach(outputs.alerts(), IndexedStreams.alerts(), config);
    }
}
