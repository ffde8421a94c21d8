package io.caspian.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.WorkloadRelocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audit events published by other modules on the events-in topic, in the logger seed's shapes or its
 * SDK's keyword spellings (see docs/events.md for every accepted spelling). A figure the publisher did
 * not give stays unknown (NaN, written as null), never zero.
 *
 * <p>An outside event cannot pass for one of the job's own: an {@code origin} of {@value
 * AuditEvent#ORIGIN} (in any case) is refused, and its {@code event_id} is namespaced by its origin,
 * {@code <origin>:<id>}, where the id is the one given or, when none is, one derived from the event's
 * content (so a re-published event gets the same id). The job's own ids are bare UUIDs, and the
 * audit-events topic and the Elasticsearch index key their records by {@code event_id}, so an outside
 * event can neither overwrite the job's decisions nor another module's events.
 */
public final class AuditEventInJson {

    public static final String DEFAULT_ORIGIN = "events-in";
    private static final String[] ORIGIN_FIELDS = {"origin", "source", "module"};
    private static final String[] WORKLOAD = {"workload_id", "workloadId", "workload.id", "workload"};

    private AuditEventInJson() {}

    public static AuditEvent parse(String payload) throws InvalidRecordException {
        ObjectNode node = Json.parseObject(payload);
        LenientFields f = new LenientFields(node);
        String typeName = f.requiredString("event_type", "eventType", "type");
        AuditEventType type = type(typeName);
        long timestamp = f.timestamp("timestamp", "time", "@timestamp");
        String origin = f.string(ORIGIN_FIELDS);
        origin = origin == null ? DEFAULT_ORIGIN : origin;
        if (origin.strip().equalsIgnoreCase(AuditEvent.ORIGIN)) {
            throw new InvalidRecordException(InvalidRecordException.RESERVED_ORIGIN, "field "
                    + LenientFields.label(ORIGIN_FIELDS) + " is \"" + origin + "\", the origin of this job's own events;"
                    + " an event from another module on events-in cannot claim it");
        }
        String given = f.string("event_id", "eventId", "id");
        String id = namespaced(origin, given != null ? given : AuditEvent.stableId(type, canonical(node)));
        return switch (type) {
            case SCHEDULING_DECISION -> decision(f, id, timestamp, origin);
            case WORKLOAD_RELOCATION -> relocation(f, id, timestamp, origin);
            case CLUSTER_RECONFIGURATION -> reconfiguration(f, id, timestamp, origin);
            case INEFFICIENCY_DETECTED -> inefficiency(f, id, timestamp, origin);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /**
     * {@code <origin>:<id>}; a ':' or '%' in the origin is percent-encoded, so that the first ':'
     * always ends the origin and two origins can never produce the same id.
     */
    static String namespaced(String origin, String id) {
        return origin.replace("%", "%25").replace(":", "%3A") + ":" + id;
    }

    private static AuditEventType type(String name) throws InvalidRecordException {
        try {
            AuditEventType type = AuditEventType.fromWireName(name);
            if (type != AuditEventType.CARBON_DATA_STATUS) {
                return type;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "field 'event_type' must be one of "
                + "scheduling_decision, workload_relocation, cluster_reconfiguration, inefficiency_detected, got \"" + name + "\"");
    }

    private static AuditEvent decision(LenientFields f, String id, long timestamp, String origin) throws InvalidRecordException {
        String workload = f.requiredString(WORKLOAD);
        String cluster = f.string("decision.selected_cluster", "selected_cluster", "cluster_id", "cluster");
        JsonNode latency = f.find("execution_time_ms", "execution_time", "executionTimeMs");
        double executionMs = f.nonNegative("execution_time_ms", "execution_time", "executionTimeMs");
        if (latency == null) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                    "field " + LenientFields.label("execution_time_ms", "execution_time", "executionTimeMs") + " is required");
        }
        String[] cost = {"decision.cost_calculation", "cost_calculation"};
        SchedulingDecision decision = new SchedulingDecision(
                f.string("scheduler", "origin"), null, cluster,
                f.string("decision.outcome", "outcome"),
                f.string("decision.reason", "reason"),
                null, cluster != null,
                f.number(paths(cost, "estimated_co2_g")), f.number(paths(cost, "baseline_co2_g")),
                f.number(paths(cost, "estimated_power_watts", "power_watts")), f.number(paths(cost, "energy_kwh")),
                alternatives(f), Math.round(executionMs), null, null, Double.NaN, timestamp, null, null);
        return new AuditEvent(id, AuditEventType.SCHEDULING_DECISION, timestamp, workload, cluster, origin, decision, null,
                null, null, null, null);
    }

    /** Each field name under each parent path, in order. */
    private static String[] paths(String[] parents, String... names) {
        List<String> paths = new ArrayList<>();
        for (String parent : parents) {
            for (String name : names) {
                paths.add(parent + "." + name);
            }
        }
        return paths.toArray(String[]::new);
    }

    private static List<Alternative> alternatives(LenientFields f) throws InvalidRecordException {
        JsonNode list = f.find("decision.cost_calculation.alternatives", "cost_calculation.alternatives", "alternatives");
        List<Alternative> alternatives = new ArrayList<>();
        if (list == null) {
            return alternatives;
        }
        if (!list.isArray()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "field 'alternatives' must be a list");
        }
        int index = 0;
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                        "field 'alternatives[" + index + "]' must be an object");
            }
            LenientFields alt = new LenientFields((ObjectNode) item);
            alternatives.add(new Alternative(alt.requiredString("cluster", "cluster_id"), alt.bool(true, "feasible"), null,
                    alt.number("carbon_g"), alt.number("migration_cost_g"), alt.number("cost"), alt.string("note")));
            index++;
        }
        return alternatives;
    }

    private static AuditEvent relocation(LenientFields f, String id, long timestamp, String origin) throws InvalidRecordException {
        String workload = f.requiredString(WORKLOAD);
        String from = f.requiredString("migration.from_cluster", "from_cluster", "fromCluster");
        String to = f.requiredString("migration.to_cluster", "to_cluster", "toCluster");
        String[] at = {"migration", "metrics"};
        WorkloadRelocation relocation = new WorkloadRelocation(from, to, f.string("trigger"),
                f.string("migration.reason", "reason"),
                f.number(either(at, "carbon_saving_g")), f.number(either(at, "carbon_saving_rate_pct")),
                f.nonNegative(either(at, "migration_cost_gco2", "migration_cost_g")), f.number(either(at, "net_saving_g")),
                f.nonNegative(either(at, "data_gb")),
                unknownAsNull(f.nonNegative(either(at, "migration_time_seconds"))),
                unknownAsNull(f.nonNegative(either(at, "downtime_seconds"))),
                f.optionalNumber(either(at, "power_saving_watts")), f.optionalNumber(either(at, "cost_saving_per_hour")));
        return new AuditEvent(id, AuditEventType.WORKLOAD_RELOCATION, timestamp, workload, to, origin, null, relocation,
                null, null, null, null);
    }

    private static Double unknownAsNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** The name at the top level, then under each parent. */
    private static String[] either(String[] parents, String... names) {
        List<String> paths = new ArrayList<>(List.of(names));
        paths.addAll(List.of(paths(parents, names)));
        return paths.toArray(String[]::new);
    }

    private static AuditEvent reconfiguration(LenientFields f, String id, long timestamp, String origin)
            throws InvalidRecordException {
        String action = f.requiredString("action").toLowerCase(Locale.ROOT);
        if (!action.startsWith("cluster_") && !action.equals("status_changed")) {
            action = "cluster_" + action;
        }
        if (!List.of("cluster_created", "cluster_deleted", "cluster_scaled", "status_changed").contains(action)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "field 'action' must be one of "
                    + "cluster_created, cluster_deleted, cluster_scaled, status_changed (or without cluster_), got \""
                    + action + "\"");
        }
        String cluster = f.requiredString("cluster.name", "cluster_name", "cluster.id", "cluster_id", "cluster");
        JsonNode trigger = f.find("trigger");
        String cause = trigger == null ? null : trigger.isTextual() ? trigger.asText() : Json.write(trigger);
        ClusterReconfiguration change = new ClusterReconfiguration(action, f.string("cluster.geolocation", "geolocation"),
                null, null, f.string("cluster.status", "status"), null, cause);
        return new AuditEvent(id, AuditEventType.CLUSTER_RECONFIGURATION, timestamp, null, cluster, origin, null, null,
                change, null, null, null);
    }

    private static AuditEvent inefficiency(LenientFields f, String id, long timestamp, String origin)
            throws InvalidRecordException {
        String[] at = {"inefficiency", "metrics"};
        String cluster = f.requiredString("inefficiency.cluster", "resource_id", "cluster");
        String type = f.requiredString("inefficiency.type", "inefficiency_type");
        InefficiencyDetected finding = new InefficiencyDetected(type,
                f.string(either(at, "state")) == null ? "detected" : f.string(either(at, "state")),
                f.nonNegative(either(at, "utilization", "utilization_percentage", "utilization_pct")),
                f.nonNegative(either(at, "idle_duration_hours")), f.nonNegative(either(at, "wasted_energy_kwh")),
                f.optionalNumber(either(at, "wasted_co2_g")), f.optionalNumber(either(at, "wasted_cost_estimate")),
                f.string("severity"), f.string("recommended_action"), f.bool(false, "auto_action_taken"),
                f.number(either(at, "unpriced_hours")));
        return new AuditEvent(id, AuditEventType.INEFFICIENCY_DETECTED, timestamp, null, cluster, origin, null, null, null,
                finding, null, null);
    }

    /** The payload with object keys sorted at every level: the same content gives the same text. */
    static String canonical(JsonNode node) {
        return Json.write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue());
            }
            ObjectNode copy = Json.object();
            fields.forEach((key, value) -> copy.set(key, sorted(value)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }
}
