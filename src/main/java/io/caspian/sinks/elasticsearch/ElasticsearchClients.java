package io.caspian.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Builds the low-level REST client and the official typed client over it, both from the config. */
public final class ElasticsearchClients {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private ElasticsearchClients() {}

    /** A client that trusts what {@code elasticsearch.tls} names, its trust store password read from the process environment. */
    public static RestClient restClient(CaspianConfig.Elasticsearch config, ElasticsearchAuth auth) {
        return restClient(config, auth, System::getenv);
    }

    /**
     * Every Elasticsearch client of the job is built here, so that all of them (sink, index templates,
     * report) trust the same CA and none can be built without host name and certificate checks.
     */
    public static RestClient restClient(CaspianConfig.Elasticsearch config, ElasticsearchAuth auth, Function<String, String> environment) {
        Optional<SSLContext> ssl = ElasticsearchTrust.sslContext(config.tls(), environment);
        return RestClient.builder(HttpHost.create(config.url()))
                .setDefaultHeaders(auth.header().map(h -> new Header[] {h}).orElse(new Header[0]))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis())))
                .setHttpClientConfigCallback(http -> ssl.map(http::setSSLContext).orElse(http))
                .build();
    }

    /** The typed client; it shares (and closes with) the given REST client. */
    public static ElasticsearchAsyncClient asyncClient(RestClient restClient) {
        return new ElasticsearchAsyncClient(new RestClientTransport(restClient, new JacksonJsonpMapper(Json.MAPPER.copy())));
    }
}
