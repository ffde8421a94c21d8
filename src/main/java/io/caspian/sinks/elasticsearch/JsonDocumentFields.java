package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the id and time of an output that is already a JSON document (analytics windows, alerts).
 * A document without them is a bug of the operator that wrote it, so it fails loudly here rather
 * than being indexed under a made-up id or day.
 */
final class JsonDocumentFields {

    private JsonDocumentFields() {}

    static ObjectNode parse(String json) {
        try {
            return Json.parseObject(json);
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException("output document is not a JSON object: " + e.getMessage(), e);
        }
    }

    static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("output document has no '" + field + "': " + node);
        }
        return value.asText();
    }

    static long timeMillis(ObjectNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("output document's '" + field + "' is not an ISO-8601 time: " + text, e);
        }
    }

    /** A cluster's row of a round: {@code <domain>@<cluster>@<round time>}, written by the job itself. */
    static String clusterRoundId(String json) {
        return text(parse(json), "row_id");
    }

    static long roundTime(String json) {
        return timeMillis(parse(json), "round_time");
    }

    /** The id of an analytics window: one document per window size, scope and window start. */
    static String analyticsId(String json) {
        ObjectNode node = parse(json);
        if (node.hasNonNull("record_id")) {
            return text(node, "record_id"); // the job's own id: one per window, scope and metric group
        }
        return text(node, "window") + "@" + text(node, "scope") + "@" + text(node, "window_start");
    }

    static long analyticsTime(String json) {
        return timeMillis(parse(json), "window_start");
    }

    /** The id of an alert transition: a fired and a resolved document per alert. */
    static String alertId(String json) {
        ObjectNode node = parse(json);
        return text(node, "alert_id") + "@" + text(node, "state");
    }

    static long alertTime(String json) {
        return timeMillis(parse(json), "timestamp");
    }
}
