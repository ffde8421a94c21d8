package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.AuditEvent;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.Json;

/**
 * An audit event as an Elasticsearch document: the topic's JSON with the two fields whose shape
 * differs between event types made uniform, because one index has one mapping per field name:
 * <ul>
 *   <li>{@code workload} is an object (id, requirements) in a decision but a plain id in a relocation;
 *       the relocation's copy is dropped, its {@code workload_id} says the same;
 *   <li>{@code trigger} is a plain word in a relocation but an object {@code {cause}} in a
 *       reconfiguration; the reconfiguration's cause becomes the word.
 * </ul>
 */
public final class AuditEventDocuments {

    private AuditEventDocuments() {}

    public static String write(AuditEvent event) {
        return Json.write(normalise(AuditEventJson.toNode(event)));
    }

    /** Normalises a topic document in place (also used for documents read back from files). */
    public static ObjectNode normalise(ObjectNode node) {
        JsonNode workload = node.get("workload");
        if (workload != null && !workload.isObject()) {
            node.remove("workload");
        }
        JsonNode trigger = node.get("trigger");
        if (trigger != null && trigger.isObject()) {
            JsonNode cause = trigger.get("cause");
            if (cause == null || cause.isNull()) {
                node.putNull("trigger");
            } else {
                node.put("trigger", cause.asText());
            }
        }
        return node;
    }
}
