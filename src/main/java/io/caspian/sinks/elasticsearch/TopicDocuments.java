package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.Json;
import io.caspian.events.json.RoundSummaryJson;
import java.util.List;

/**
 * The job's output topics as Elasticsearch documents, for the {@code index} mode that reads the topics
 * instead of the job writing to Elasticsearch itself. Each stream's document and id are those the
 * in-job sinks ({@link IndexedStreams}) give the same record, so switching between the two never
 * duplicates a document.
 */
public final class TopicDocuments {

    private TopicDocuments() {}

    /** Audit events: the normalised document, id {@code event_id}. */
    public static IndexedStream<String> auditEvents() {
        return new IndexedStream<>(IndexedStreams.AUDIT_EVENTS,
                json -> Json.write(AuditEventDocuments.normalise(JsonDocumentFields.parse(json))),
                json -> JsonDocumentFields.text(JsonDocumentFields.parse(json), "event_id"),
                json -> JsonDocumentFields.timeMillis(JsonDocumentFields.parse(json), "timestamp"));
    }

    /** Placements: {@code <job_id>@<round_time>}. */
    public static IndexedStream<String> placements() {
        return new IndexedStream<>(IndexedStreams.PLACEMENTS, json -> json, TopicDocuments::placementId, TopicDocuments::roundTime);
    }

    /** Dead letters: the same hash of origin and refusal as the in-job sink. */
    public static IndexedStream<String> deadLetters() {
        return new IndexedStream<>(IndexedStreams.DEAD_LETTER, json -> json, TopicDocuments::deadLetterId,
                json -> JsonDocumentFields.timeMillis(JsonDocumentFields.parse(json), "timestamp"));
    }

    /** Round summaries: {@code summary_id}. */
    public static IndexedStream<String> roundSummaries() {
        return new IndexedStream<>(IndexedStreams.ROUND_SUMMARIES, json -> json,
                json -> JsonDocumentFields.text(JsonDocumentFields.parse(json), "summary_id"), TopicDocuments::roundTime);
    }

    /** A summary's cluster rows, each a document of {@link IndexedStreams#clusterRounds()}. */
    public static List<String> clusterRows(String summaryJson) {
        return RoundSummaryJson.clusterDocuments(JsonDocumentFields.parse(summaryJson));
    }

    static String placementId(String json) {
        ObjectNode node = JsonDocumentFields.parse(json);
        return JsonDocumentFields.text(node, "job_id") + "@" + JsonDocumentFields.text(node, "round_time");
    }

    static long roundTime(String json) {
        return JsonDocumentFields.timeMillis(JsonDocumentFields.parse(json), "round_time");
    }

    static String deadLetterId(String json) {
        ObjectNode node = JsonDocumentFields.parse(json);
        return IndexedStreams.deadLetterId(node.path("source").asText(null), node.path("partition").asText(),
                node.path("offset").asText(), node.path("payload").asText(null), node.path("stage").asText(null),
                node.path("reason").asText(null), node.path("error").asText(null));
    }
}
