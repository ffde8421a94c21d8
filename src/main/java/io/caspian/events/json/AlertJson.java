package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alert;

/** The alerts topic's JSON. */
public final class AlertJson {

    private AlertJson() {}

    public static ObjectNode toNode(Alert a) {
        ObjectNode node = Json.object();
        node.put("alert_id", a.alertId());
        node.put("rule_id", a.ruleId());
        node.put("state", a.state());
        node.put("metric", a.metric());
        Json.putNumber(node, "value", a.value());
        node.put("comparator", a.comparator());
        node.put("threshold", a.threshold());
        node.put("severity", a.severity());
        node.put("scope", a.scope());
        node.put("window", a.window());
        node.put("timestamp", Json.iso(a.timestampMillis()));
        return node;
    }

    public static String write(Alert alert) {
        return Json.write(toNode(alert));
    }
}
