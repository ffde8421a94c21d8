package io.caspian.events.json;

import static io.caspian.events.json.Json.numberField;
import static io.caspian.events.json.Json.round3;
import static io.caspian.events.json.Json.timeField;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.PolicyChange;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.WorkloadRelocation;
import java.io.IOException;

/**
 * Audit events in the logger seed's shapes: common fields ({@code event_id}, {@code event_type},
 * {@code timestamp}, {@code workload_id}, {@code cluster}, {@code origin}) and one nested object per type.
 *
 * <p>Written field by field to a streaming generator: a round emits a decision per workload, each with
 * an alternative per site, and building a tree first took most of the audit sink's time.
 */
public final class AuditEventJson {

    private static final LastWritten<AuditEvent> LAST = new LastWritten<>(event -> Json.stream(out -> write(out, event)));

    private AuditEventJson() {}

    public static String write(AuditEvent event) {
        return LAST.write(event);
    }

    /** The event as a tree, for a sink that reshapes it (the Elasticsearch documents). */
    public static ObjectNode toNode(AuditEvent event) {
        return Json.tree(out -> write(out, event));
    }

    private static void write(JsonGenerator out, AuditEvent event) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_id", event.eventId());
        out.writeStringField("event_type", event.eventType().wireName());
        out.writeStringField("timestamp", Json.iso(event.timestampMillis()));
        out.writeStringField("workload_id", event.workloadId());
        out.writeStringField("cluster", event.cluster());
        out.writeStringField("origin", event.origin());
        switch (event.eventType()) {
            case SCHEDULING_DECISION -> writeDecision(out, event.workloadId(), event.decision());
            case WORKLOAD_RELOCATION -> writeRelocation(out, event.workloadId(), event.relocation());
            case CLUSTER_RECONFIGURATION -> writeReconfiguration(out, event.cluster(), event.reconfiguration());
            case INEFFICIENCY_DETECTED -> writeInefficiency(out, event.cluster(), event.inefficiency());
            case CARBON_DATA_STATUS -> writeCarbonStatus(out, event.carbonStatus());
            case POLICY_CHANGE -> writePolicyChange(out, event.policyChange());
        }
        out.writeEndObject();
    }

    private static void writeDecision(JsonGenerator out, String workloadId, SchedulingDecision d) throws IOException {
        out.writeStringField("scheduler", d.scheduler());
        out.writeObjectFieldStart("workload");
        out.writeStringField("id", workloadId);
        if (d.requirements() != null) {
            out.writeObjectFieldStart("requirements");
            WorkloadEventJson.writeRequirements(out, d.requirements());
            out.writeEndObject();
        } else {
            out.writeNullField("requirements"); // a publishing module stated none
        }
        out.writeEndObject();
        out.writeObjectFieldStart("decision");
        out.writeStringField("selected_cluster", d.selectedCluster());
        out.writeStringField("outcome", d.outcome());
        out.writeStringField("reason", d.reason());
        timeField(out, "planned_start", d.plannedStartMillis());
        out.writeBooleanField("gate_open", d.gateOpen());
        out.writeObjectFieldStart("cost_calculation");
        numberField(out, "estimated_power_watts", d.estimatedPowerWatts());
        numberField(out, "energy_kwh", d.energyKwh());
        numberField(out, "estimated_co2_g", d.estimatedCo2G());
        numberField(out, "baseline_co2_g", d.baselineCo2G());
        out.writeStringField("forecast_kind", d.forecastKind());
        out.writeArrayFieldStart("alternatives");
        for (Alternative a : d.alternatives()) {
            out.writeStartObject();
            out.writeStringField("cluster", a.cluster());
            out.writeBooleanField("feasible", a.feasible());
            timeField(out, "start", a.startMillis());
            numberField(out, "cost", a.totalCostG());
            numberField(out, "carbon_g", a.carbonG());
            numberField(out, "migration_cost_g", a.migrationCostG());
            if (a.note() != null) {
                out.writeStringField("note", a.note());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject(); // cost_calculation
        out.writeEndObject(); // decision
        out.writeObjectFieldStart("solver");
        out.writeStringField("name", d.solver());
        out.writeStringField("status", d.solverStatus());
        numberField(out, "optimality_gap", d.optimalityGap());
        out.writeEndObject();
        out.writeStringField("round_time", Json.iso(d.roundMillis()));
        out.writeNumberField("execution_time_ms", d.executionTimeMs());
        if (d.policyVersion() != null) {
            out.writeNumberField("policy_version", d.policyVersion().longValue());
        } else {
            out.writeNullField("policy_version"); // a publishing module named none
        }
    }

    private static void writeRelocation(JsonGenerator out, String workloadId, WorkloadRelocation r) throws IOException {
        out.writeStringField("trigger", r.trigger());
        out.writeStringField("workload", workloadId);
        out.writeObjectFieldStart("migration");
        out.writeStringField("from_cluster", r.fromCluster());
        out.writeStringField("to_cluster", r.toCluster());
        out.writeStringField("reason", r.reason());
        numberField(out, "carbon_saving_g", r.carbonSavingG());
        numberField(out, "carbon_saving_rate_pct", r.carbonSavingRatePct());
        numberField(out, "migration_cost_gco2", r.migrationCostG());
        numberField(out, "net_saving_g", r.netSavingG());
        numberField(out, "data_gb", r.dataGb());
        numberField(out, "power_saving_watts", r.powerSavingWatts());
        numberField(out, "cost_saving_per_hour", r.costSavingPerHour());
        out.writeEndObject();
        numberField(out, "migration_time_seconds", r.migrationTimeSeconds());
        numberField(out, "downtime_seconds", r.downtimeSeconds());
        if (r.status() != null) {
            out.writeStringField("status", r.status());
        }
    }

    private static void writeReconfiguration(JsonGenerator out, String clusterName, ClusterReconfiguration c)
            throws IOException {
        out.writeStringField("action", c.action());
        out.writeObjectFieldStart("cluster_info");
        out.writeStringField("name", clusterName);
        out.writeStringField("geolocation", c.geolocation());
        out.writeStringField("status", c.status());
        if (c.total() != null) {
            out.writeFieldName("total");
            ClusterJson.writeResources(out, c.total());
        }
        if (c.previousTotal() != null) {
            out.writeFieldName("previous_total");
            ClusterJson.writeResources(out, c.previousTotal());
        }
        out.writeStringField("previous_status", c.previousStatus());
        out.writeEndObject();
        out.writeObjectFieldStart("trigger");
        out.writeStringField("cause", c.trigger());
        out.writeEndObject();
    }

    private static void writeInefficiency(JsonGenerator out, String clusterName, InefficiencyDetected i) throws IOException {
        out.writeStringField("severity", i.severity());
        out.writeObjectFieldStart("inefficiency");
        out.writeStringField("type", i.type());
        out.writeStringField("state", i.state());
        out.writeStringField("cluster", clusterName);
        numberField(out, "utilization", i.utilizationPct());
        numberField(out, "idle_duration_hours", i.durationHours());
        numberField(out, "wasted_energy_kwh", i.wastedEnergyKwh());
        numberField(out, "wasted_co2_g", i.wastedCo2G());
        numberField(out, "wasted_cost_estimate", i.wastedCostEstimate());
        numberField(out, "unpriced_hours", i.unpricedHours());
        out.writeEndObject();
        out.writeStringField("recommended_action", i.recommendedAction());
        out.writeBooleanField("auto_action_taken", i.autoActionTaken());
    }

    private static void writeCarbonStatus(JsonGenerator out, CarbonDataStatus s) throws IOException {
        out.writeObjectFieldStart("carbon_data");
        out.writeStringField("zone", s.zone());
        out.writeStringField("status", s.status());
        out.writeStringField("last_reading", Json.iso(s.lastReadingMillis()));
        out.writeNumberField("age_minutes", round3(s.ageMinutes()));
        out.writeEndObject();
    }

    /** Old and new values are JSON text, so that one field holds a number, a list or a mapping alike. */
    private static void writePolicyChange(JsonGenerator out, PolicyChange p) throws IOException {
        out.writeObjectFieldStart("policy");
        out.writeNumberField("version", p.version());
        out.writeNumberField("previous_version", p.previousVersion());
        out.writeStringField("scope", p.scope());
        out.writeStringField("source", p.source());
        out.writeStringField("reason", p.reason());
        out.writeStringField("effective_round", Json.iso(p.effectiveRoundMillis()));
        out.writeArrayFieldStart("changes");
        for (PolicyChange.Change change : p.changes()) {
            out.writeStartObject();
            out.writeStringField("key", change.key());
            out.writeStringField("old_value", change.oldValue());
            out.writeStringField("new_value", change.newValue());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
