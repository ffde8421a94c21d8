package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.config.CaspianConfig.IndexMode;
import io.caspian.events.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The index templates shipped in {@code src/main/resources/elasticsearch/<stream>.json}: explicit
 * mappings for each output stream. A template file holds everything but the index pattern, which
 * follows the configured prefix. Installed when absent, so a template an operator has tuned on the
 * cluster is left alone.
 */
public final class IndexTemplates {

    public static final String RESOURCE_FOLDER = "/elasticsearch/";

    private IndexTemplates() {}

    /** The template body of a stream, as shipped, without its index pattern. */
    public static ObjectNode shipped(String stream) {
        String resource = RESOURCE_FOLDER + stream + ".json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no index template for stream '" + stream + "' at " + resource);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The template as installed: the shipped body with the stream's index pattern. */
    public static ObjectNode forNaming(IndexNaming naming) {
        ObjectNode body = shipped(naming.stream());
        body.putArray("index_patterns").add(naming.pattern());
        return body;
    }

    /**
     * Installs the stream's template if the cluster has none of that name and, in rollover mode,
     * creates the first index behind the write alias.
     *
     * @return true if this call installed the template
     */
    public static boolean installIfAbsent(RestClient client, IndexNaming naming) throws IOException {
        boolean installed = false;
        String name = naming.alias();
        if (status(client, new Request("HEAD", "/_index_template/" + name)) == 404) {
            Request put = new Request("PUT", "/_index_template/" + name);
            put.setJsonEntity(Json.write(forNaming(naming)));
            client.performRequest(put);
            installed = true;
        }
        if (naming.mode() == IndexMode.ROLLOVER && status(client, new Request("HEAD", "/_alias/" + naming.alias())) == 404) {
            createFirstRolloverIndex(client, naming);
        }
        return installed;
    }

    private static void createFirstRolloverIndex(RestClient client, IndexNaming naming) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("aliases").putObject(naming.alias()).put("is_write_index", true);
        Request create = new Request("PUT", "/" + naming.firstRolloverIndex());
        create.setJsonEntity(Json.write(body));
        try {
            client.performRequest(create);
        } catch (ResponseException e) {
            // another subtask created it first
            String reply = new String(e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            if (!reply.contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    private static int status(RestClient client, Request request) throws IOException {
        try {
            return client.performRequest(request).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }
}
