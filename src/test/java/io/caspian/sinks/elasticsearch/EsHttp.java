package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.events.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** Plain JSON requests against a node, as a user would send them with curl. */
final class EsHttp implements AutoCloseable {

    private final RestClient client;

    EsHttp(String url) {
        client = RestClient.builder(HttpHost.create(url)).build();
    }

    JsonNode send(String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        Response response = client.performRequest(request);
        byte[] bytes = response.getEntity() == null ? new byte[0] : response.getEntity().getContent().readAllBytes();
        return bytes.length == 0 ? Json.object() : Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws IOException {
        return send("GET", path, null);
    }

    JsonNode search(String index, String body) throws IOException {
        return send("POST", "/" + index + "/_search", body);
    }

    long count(String index, String query) throws IOException {
        return send("POST", "/" + index + "/_count", "{\"query\":" + query + "}").get("count").asLong();
    }

    /**
     * For a poll: refreshes the indices and counts all their documents, or gives -1 while the node
     * answers 503 because an index it has just created has no started shard yet.
     */
    long countSoFar(String index) throws IOException {
        try {
            refresh(index);
            return count(index, "{\"match_all\":{}}");
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 503) {
                return -1;
            }
            throw e;
        }
    }

    void refresh(String index) throws IOException {
        send("POST", "/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
