package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Indexes one output stream into Elasticsearch with bulk requests. Documents still buffered at a
 * checkpoint are part of the sink's state, and ids come from the records, so after a failure and
 * restore every record ends up indexed exactly once (at-least-once delivery, idempotent writes).
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, IndexDocument> {

    private final CaspianConfig.Elasticsearch config;
    private final IndexNaming naming;

    public ElasticsearchSink(IndexedStream<T> stream, CaspianConfig.Elasticsearch config) {
        this(stream, config, new IndexNaming(config.indexPrefix(), stream.name(), config.indexMode()));
    }

    private ElasticsearchSink(IndexedStream<T> stream, CaspianConfig.Elasticsearch config, IndexNaming naming) {
        super(new DocumentConverter<>(stream, naming), config.maxBatchSize(), config.maxInFlight(), config.maxBuffered(),
                config.maxBatchBytes(), config.maxTimeInBuffer().toMillis(), config.maxDocumentBytes(),
                requestTimeoutMillis(config), false);
        this.config = config;
        this.naming = naming;
    }

    /** Long enough to cover the node's own timeout plus the longest back-off a retry waits. */
    private static long requestTimeoutMillis(CaspianConfig.Elasticsearch config) {
        return config.requestTimeout().toMillis() + config.retryMaxBackoff().toMillis() + 5_000;
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<IndexDocument>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<IndexDocument>> restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<IndexDocument>> state) {
        AsyncSinkWriterConfiguration writerConfig = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .setRateLimitingStrategy(rateLimiting())
                .build();
        return new ElasticsearchSinkWriter<>(getElementConverter(), context, writerConfig, state, config, naming);
    }

    /**
     * Starts with every in-flight slot usable (Flink's default starts at one batch and grows by ten
     * documents per answer, which keeps a healthy node at a fraction of its rate), grows back by a
     * batch per successful bulk, and halves the documents in flight whenever a bulk needs retries.
     */
    private RateLimitingStrategy rateLimiting() {
        int window = getMaxBatchSize() * getMaxInFlightRequests();
        return CongestionControlRateLimitingStrategy.builder()
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setInitialMaxInFlightMessages(window)
                .setScalingStrategy(AIMDScalingStrategy.builder(window).setIncreaseRate(getMaxBatchSize()).setDecreaseFactor(0.5).build())
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<IndexDocument>> getWriterStateSerializer() {
        return new IndexDocumentStateSerializer();
    }
}
