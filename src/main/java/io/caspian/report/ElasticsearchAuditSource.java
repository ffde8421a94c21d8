package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Reads a time range of the job's indices: a range query per stream, paged with the scroll API (the
 * report needs every document, not the first page), and each workload's latest placement before the
 * range through a composite aggregation.
 */
public final class ElasticsearchAuditSource {

    private static final int PAGE = 1_000;
    private static final String KEEP_ALIVE = "1m";

    private final RestClient client;
    private final String prefix;

    public ElasticsearchAuditSource(RestClient client, String indexPrefix) {
        this.client = client;
        this.prefix = indexPrefix;
    }

    public AuditRecords read(TimeRange range) {
        try {
            List<JsonNode> placements = inRange(ReportStreams.PLACEMENTS, range);
            placements.addAll(latestPlacementsBefore(range));
            return new AuditRecords(inRange(ReportStreams.AUDIT_EVENTS, range), placements,
                    inRange(ReportStreams.ANALYTICS, range), inRange(ReportStreams.ALERTS, range),
                    inRange(ReportStreams.DEAD_LETTER, range), inRange(ReportStreams.ROUND_SUMMARIES, range));
        } catch (IOException e) {
            throw new UncheckedIOException("reading from Elasticsearch failed: " + e.getMessage(), e);
        }
    }

    /** Daily indices and rollover indices of a stream alike. */
    private String indices(ReportStreams stream) {
        return prefix + "-" + stream.stream + "*";
    }

    private static ObjectNode rangeQuery(String field, String gte, String lt) {
        ObjectNode range = Json.object();
        ObjectNode bounds = range.putObject("range").putObject(field);
        if (gte != null) {
            bounds.put("gte", gte);
        }
        bounds.put("lt", lt);
        return range;
    }

    private List<JsonNode> inRange(ReportStreams stream, TimeRange range) throws IOException {
        ObjectNode body = Json.object();
        body.put("size", PAGE);
        body.set("query", rangeQuery(stream.timeField, range.from().toString(), range.to().toString()));
        body.putArray("sort").addObject().put(stream.timeField, "asc");
        List<JsonNode> documents = new ArrayList<>();
        JsonNode page = send("POST", "/" + indices(stream) + "/_search?scroll=" + KEEP_ALIVE + "&ignore_unavailable=true", body);
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (page.at("/hits/hits").size() > 0) {
                page.at("/hits/hits").forEach(hit -> documents.add(hit.get("_source")));
                ObjectNode next = Json.object().put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
                page = send("POST", "/_search/scroll", next);
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                clearScroll(scrollId);
            }
        }
        return documents;
    }

    /**
     * Frees the scroll's context early; a scroll over no index at all (a stream this deployment never
     * wrote) has nothing to free and answers 404, which is no error: the context expires by itself anyway.
     */
    private void clearScroll(String scrollId) throws IOException {
        ObjectNode clear = Json.object();
        clear.putArray("scroll_id").add(scrollId);
        try {
            send("DELETE", "/_search/scroll", clear);
        } catch (org.elasticsearch.client.ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private List<JsonNode> latestPlacementsBefore(TimeRange range) throws IOException {
        List<JsonNode> latest = new ArrayList<>();
        JsonNode after = null;
        do {
            ObjectNode body = Json.object();
            body.put("size", 0);
            body.set("query", rangeQuery("round_time", null, range.from().toString()));
            ObjectNode composite = body.putObject("aggs").putObject("jobs").putObject("composite");
            composite.put("size", PAGE);
            ArrayNode sources = composite.putArray("sources");
            sources.addObject().putObject("job").putObject("terms").put("field", "job_id");
            if (after != null) {
                composite.set("after", after);
            }
            ObjectNode top = ((ObjectNode) body.get("aggs").get("jobs")).putObject("aggs").putObject("latest").putObject("top_hits");
            top.put("size", 1);
            top.putArray("sort").addObject().put("round_time", "desc");
            JsonNode result = send("POST", "/" + indices(ReportStreams.PLACEMENTS) + "/_search?ignore_unavailable=true", body);
            JsonNode buckets = result.at("/aggregations/jobs/buckets");
            buckets.forEach(b -> latest.add(b.at("/latest/hits/hits/0/_source")));
            after = buckets.size() < PAGE ? null : result.at("/aggregations/jobs/after_key");
        } while (after != null && !after.isMissingNode());
        return latest;
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException {
        Request request = new Request(method, path);
        request.setJsonEntity(Json.write(body));
        var response = client.performRequest(request);
        return Json.MAPPER.readTree(new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
    }
}
