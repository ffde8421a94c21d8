package io.caspian.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.caspian.config.CaspianConfig;
import io.caspian.events.json.Json;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Builds the low-level REST client and the official typed client over it, both from the config. */
public final class ElasticsearchClients {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private ElasticsearchClients() {}

    public static RestClient restClient(CaspianConfig.Elasticsearch config, ElasticsearchAuth auth) {
        return RestClient.builder(HttpHost.create(config.url()))
                .setDefaultHeaders(auth.header().map(h -> new Header[] {h}).orElse(new Header[0]))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis())))
                .build();
    }

    /** The typed client; it shares (and closes with) the given REST client. */
    public static ElasticsearchAsyncClient asyncClient(RestClient restClient) {
        return new ElasticsearchAsyncClient(new RestClientTransport(restClient, new JacksonJsonpMapper(Json.MAPPER.copy())));
    }
}
