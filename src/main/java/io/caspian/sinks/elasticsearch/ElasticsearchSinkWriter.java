package io.caspian.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.caspian.config.CaspianConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the batches {@link AsyncSinkWriter} forms as bulk requests. Batching, the in-flight limit
 * and the buffer that back-pressures the job come from the base class; this class adds what
 * Elasticsearch needs: the index template before the first write, per-document outcomes, and retries
 * after a back-off. A retried batch keeps its in-flight slot while it waits, so an unreachable node
 * slows the job down instead of piling up requests.
 */
final class ElasticsearchSinkWriter<T> extends AsyncSinkWriter<T, IndexDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    private final IndexNaming naming;
    private final CaspianConfig.Elasticsearch config;
    private final RestClient restClient;
    private final ElasticsearchAsyncClient client;
    private final RetryBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Counter indexed;
    private final Counter retried;
    private final Counter rejected;
    private final Counter failedRequests;
    private volatile boolean templateReady;

    ElasticsearchSinkWriter(ElementConverter<T, IndexDocument> converter, WriterInitContext context,
            AsyncSinkWriterConfiguration writerConfig, Collection<BufferedRequestState<IndexDocument>> state,
            CaspianConfig.Elasticsearch config, IndexNaming naming) {
        super(converter, context, writerConfig, state);
        this.naming = naming;
        ElasticsearchAuth auth = ElasticsearchAuth.fromEnvironment(config, System::getenv);
        this.restClient = ElasticsearchClients.restClient(config, auth);
        this.client = ElasticsearchClients.asyncClient(restClient);
        this.backoff = new RetryBackoff(config.retryInitialBackoff(), config.retryMaxBackoff());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-sink-" + naming.stream());
            thread.setDaemon(true);
            return thread;
        });
        var metrics = context.metricGroup();
        this.indexed = metrics.counter("elasticsearchDocumentsIndexed");
        this.retried = metrics.counter("elasticsearchDocumentsRetried");
        this.rejected = metrics.counter("elasticsearchDocumentsRejected");
        this.failedRequests = metrics.counter("elasticsearchFailedRequests");
        metrics.gauge("elasticsearchConsecutiveFailures", backoff::consecutiveFailures);
        this.config = config;
        LOG.info("Elasticsearch sink for {} at {} (authentication: {}; TLS trust: {})", naming.alias(), config.url(), auth,
                ElasticsearchTrust.describe(config.tls()));
    }

    @Override
    protected void submitRequestEntries(List<IndexDocument> documents, ResultHandler<IndexDocument> result) {
        if (templateReady) {
            send(documents, result);
        } else {
            // installing talks to the node synchronously; keep that off the task's thread
            scheduler.execute(() -> installTemplateThenSend(documents, result));
        }
    }

    private void installTemplateThenSend(List<IndexDocument> documents, ResultHandler<IndexDocument> result) {
        try {
            if (IndexTemplates.installIfAbsent(restClient, naming)) {
                LOG.info("installed index template {} for {}", naming.alias(), naming.pattern());
            }
            templateReady = true;
        } catch (IOException | RuntimeException e) {
            failedRequests.inc();
            if (!failOnUntrustedServer(result, e)) {
                retryLater(documents, result, "installing the index template failed: " + e);
            }
            return;
        }
        send(documents, result);
    }

    private void send(List<IndexDocument> documents, ResultHandler<IndexDocument> result) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexDocument document : documents) {
            BinaryData source = BinaryData.of(document.json().getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
            bulk.operations(op -> op.index(index -> index.index(document.index()).id(document.id()).document(source)));
        }
        client.bulk(bulk.build()).whenComplete((response, error) -> {
            if (error != null) {
                onRequestFailure(documents, result, error);
            } else {
                onResponse(documents, result, response);
            }
        });
    }

    private void onResponse(List<IndexDocument> documents, ResultHandler<IndexDocument> result, BulkResponse response) {
        BulkOutcome outcome = BulkOutcome.of(documents, response);
        indexed.inc(outcome.indexed());
        for (BulkOutcome.Rejection rejection : outcome.rejected()) {
            rejected.inc();
            LOG.warn("Elasticsearch rejected document {} in {}: {} {} ({})", rejection.id(), rejection.index(),
                    rejection.status(), rejection.errorType(), rejection.reason());
        }
        if (outcome.retry().isEmpty()) {
            backoff.reset();
            result.complete();
        } else {
            retryLater(outcome.retry(), result, outcome.retry().size() + " of " + documents.size() + " documents failed transiently");
        }
    }

    private void onRequestFailure(List<IndexDocument> documents, ResultHandler<IndexDocument> result, Throwable error) {
        failedRequests.inc();
        int status = httpStatus(error);
        if (failOnUntrustedServer(result, error)) {
            return;
        }
        if (status == 401 || status == 403) {
            // wrong or missing credentials do not heal by waiting: fail the job with a clear reason
            result.completeExceptionally(new IOException("Elasticsearch refused the sink's credentials (HTTP " + status
                    + "); check the variables named by elasticsearch.api-key-env / username-env / password-env", error));
        } else if (status >= 400 && !BulkOutcome.isTransient(status)) {
            rejected.inc(documents.size());
            LOG.warn("Elasticsearch refused a bulk of {} documents for {} with HTTP {}: {}", documents.size(),
                    naming.alias(), status, rootMessage(error));
            result.complete();
        } else {
            retryLater(documents, result, "bulk request failed: " + rootMessage(error));
        }
    }

    /** A certificate that is not trusted does not heal by waiting either: fail the job and say how to trust it. */
    private boolean failOnUntrustedServer(ResultHandler<IndexDocument> result, Throwable error) {
        return ElasticsearchTrust.untrustedServer(error, config).map(reason -> {
            result.completeExceptionally(new IOException("Elasticsearch sink for " + naming.alias() + ": " + reason, error));
            return true;
        }).orElse(false);
    }

    private void retryLater(List<IndexDocument> documents, ResultHandler<IndexDocument> result, String why) {
        long delay = backoff.nextDelayMillis();
        retried.inc(documents.size());
        if (backoff.consecutiveFailures() == 1 || backoff.consecutiveFailures() % 20 == 0) {
            LOG.warn("Elasticsearch sink for {}: {}; retrying {} documents (failure {} in a row, next in {} ms)",
                    naming.alias(), why, documents.size(), backoff.consecutiveFailures(), delay);
        }
        scheduler.schedule(() -> result.retryForEntries(documents), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(IndexDocument document) {
        return document.sizeInBytes();
    }

    @Override
    public void close() {
        super.close();
        scheduler.shutdownNow();
        try {
            restClient.close();
        } catch (IOException e) {
            LOG.warn("closing the Elasticsearch client failed", e);
        }
    }

    static int httpStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
        }
        return -1;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
