package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.AnalyticsRecord;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analytics topic's JSON: window bounds, label, scope and metric group, then every figure of the
 * group as a top-level field (unit in its name; null when undefined in the window).
 */
public final class AnalyticsRecordJson {

    private AnalyticsRecordJson() {}

    public static ObjectNode toNode(AnalyticsRecord r) {
        ObjectNode node = Json.object();
        node.put("record_id", id(r));
        node.put("window_start", Json.iso(r.windowStartMillis()));
        node.put("window_end", Json.iso(r.windowEndMillis()));
        node.put("window", r.window());
        node.put("scope", r.scope());
        node.put("metric_group", r.metricGroup());
        for (Map.Entry<String, Double> figure : new TreeMap<>(r.figures()).entrySet()) {
            Json.putNumber(node, figure.getKey(), figure.getValue());
        }
        return node;
    }

    /** Stable per window, scope and group, so that a replay overwrites the record. */
    public static String id(AnalyticsRecord r) {
        return java.util.UUID.nameUUIDFromBytes((r.metricGroup() + "|" + r.window() + "|" + r.scope() + "|"
                + r.windowStartMillis()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static String write(AnalyticsRecord record) {
        return Json.write(toNode(record));
    }
}
