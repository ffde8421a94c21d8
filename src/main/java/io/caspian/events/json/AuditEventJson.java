package io.caspian.events.json;

import static io.caspian.events.json.Json.round3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.PolicyChange;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.WorkloadRelocation;

/**
 * Audit events in the logger seed's shapes: common fields ({@code event_id}, {@code event_type},
 * {@code timestamp}, {@code workload_id}, {@code cluster}, {@code origin}) and one nested object per type.
 */
public final class AuditEventJson {

    private AuditEventJson() {}

    public static String write(AuditEvent event) {
        return Json.write(toNode(event));
    }

    public static ObjectNode toNode(AuditEvent event) {
        ObjectNode node = Json.object();
        node.put("event_id", event.eventId());
        node.put("event_type", event.eventType().wireName());
        node.put("timestamp", Json.iso(event.timestampMillis()));
        node.put("workload_id", event.workloadId());
        node.put("cluster", event.cluster());
        node.put("origin", event.origin());
        switch (event.eventType()) {
            case SCHEDULING_DECISION -> writeDecision(node, event.decision());
            case WORKLOAD_RELOCATION -> writeRelocation(node, event.relocation());
            case CLUSTER_RECONFIGURATION -> writeReconfiguration(node, event.reconfiguration());
            case INEFFICIENCY_DETECTED -> writeInefficiency(node, event.inefficiency());
            case CARBON_DATA_STATUS -> writeCarbonStatus(node, event.carbonStatus());
            case POLICY_CHANGE -> writePolicyChange(node, event.policyChange());
        }
        return node;
    }

    private static void writeDecision(ObjectNode node, SchedulingDecision d) {
        node.put("scheduler", d.scheduler());
        ObjectNode workload = node.putObject("workload");
        workload.put("id", node.get("workload_id").asText());
        if (d.requirements() != null) {
            WorkloadEventJson.putRequirements(workload.putObject("requirements"), d.requirements());
        } else {
            workload.putNull("requirements"); // a publishing module stated none
        }
        ObjectNode decision = node.putObject("decision");
        decision.put("selected_cluster", d.selectedCluster());
        decision.put("outcome", d.outcome());
        decision.put("reason", d.reason());
        Json.putTime(decision, "planned_start", d.plannedStartMillis());
        decision.put("gate_open", d.gateOpen());
        ObjectNode cost = decision.putObject("cost_calculation");
        putNumber(cost, "estimated_power_watts", d.estimatedPowerWatts());
        putNumber(cost, "energy_kwh", d.energyKwh());
        putNumber(cost, "estimated_co2_g", d.estimatedCo2G());
        putNumber(cost, "baseline_co2_g", d.baselineCo2G());
        cost.put("forecast_kind", d.forecastKind());
        ArrayNode alternatives = cost.putArray("alternatives");
        for (Alternative a : d.alternatives()) {
            ObjectNode alt = alternatives.addObject();
            alt.put("cluster", a.cluster());
            alt.put("feasible", a.feasible());
            Json.putTime(alt, "start", a.startMillis());
            putNumber(alt, "cost", a.totalCostG());
            putNumber(alt, "carbon_g", a.carbonG());
            putNumber(alt, "migration_cost_g", a.migrationCostG());
            if (a.note() != null) {
                alt.put("note", a.note());
            }
        }
        ObjectNode solver = node.putObject("solver");
        solver.put("name", d.solver());
        solver.put("status", d.solverStatus());
        putNumber(solver, "optimality_gap", d.optimalityGap());
        node.put("round_time", Json.iso(d.roundMillis()));
        node.put("execution_time_ms", d.executionTimeMs());
        if (d.policyVersion() != null) {
            node.put("policy_version", d.policyVersion());
        } else {
            node.putNull("policy_version"); // a publishing module named none
        }
    }

    private static void writeRelocation(ObjectNode node, WorkloadRelocation r) {
        node.put("trigger", r.trigger());
        node.put("workload", node.get("workload_id").asText());
        ObjectNode migration = node.putObject("migration");
        migration.put("from_cluster", r.fromCluster());
        migration.put("to_cluster", r.toCluster());
        migration.put("reason", r.reason());
        putNumber(migration, "carbon_saving_g", r.carbonSavingG());
        putNumber(migration, "carbon_saving_rate_pct", r.carbonSavingRatePct());
        putNumber(migration, "migration_cost_gco2", r.migrationCostG());
        putNumber(migration, "net_saving_g", r.netSavingG());
        putNumber(migration, "data_gb", r.dataGb());
        putNumber(migration, "power_saving_watts", r.powerSavingWatts());
        putNumber(migration, "cost_saving_per_hour", r.costSavingPerHour());
        putNumber(node, "migration_time_seconds", r.migrationTimeSeconds());
        putNumber(node, "downtime_seconds", r.downtimeSeconds());
        if (r.status() != null) {
            node.put("status", r.status());
        }
    }

    private static void writeReconfiguration(ObjectNode node, ClusterReconfiguration c) {
        node.put("action", c.action());
        ObjectNode cluster = node.putObject("cluster_info");
        cluster.put("name", node.get("cluster").asText());
        cluster.put("geolocation", c.geolocation());
        cluster.put("status", c.status());
        if (c.total() != null) {
            cluster.set("total", ClusterJson.resources(c.total()));
        }
        if (c.previousTotal() != null) {
            cluster.set("previous_total", ClusterJson.resources(c.previousTotal()));
        }
        cluster.put("previous_status", c.previousStatus());
        node.putObject("trigger").put("cause", c.trigger());
    }

    private static void writeInefficiency(ObjectNode node, InefficiencyDetected i) {
        node.put("severity", i.severity());
        ObjectNode finding = node.putObject("inefficiency");
        finding.put("type", i.type());
        finding.put("state", i.state());
        finding.put("cluster", node.get("cluster").asText());
        putNumber(finding, "utilization", i.utilizationPct());
        putNumber(finding, "idle_duration_hours", i.durationHours());
        putNumber(finding, "wasted_energy_kwh", i.wastedEnergyKwh());
        putNumber(finding, "wasted_co2_g", i.wastedCo2G());
        putNumber(finding, "wasted_cost_estimate", i.wastedCostEstimate());
        putNumber(finding, "unpriced_hours", i.unpricedHours());
        node.put("recommended_action", i.recommendedAction());
        node.put("auto_action_taken", i.autoActionTaken());
    }

    /**
     * A number rounded to 3 decimals, or null. NaN is how an event published by another module says a
     * figure is unknown; it is written as null, never as 0.
     */
    static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(field);
        } else {
            node.put(field, round3(value));
        }
    }

    private static void writeCarbonStatus(ObjectNode node, CarbonDataStatus s) {
        ObjectNode status = node.putObject("carbon_data");
        status.put("zone", s.zone());
        status.put("status", s.status());
        status.put("last_reading", Json.iso(s.lastReadingMillis()));
        status.put("age_minutes", round3(s.ageMinutes()));
    }

    /** Old and new values are JSON text, so that one field holds a number, a list or a mapping alike. */
    private static void writePolicyChange(ObjectNode node, PolicyChange p) {
        ObjectNode policy = node.putObject("policy");
        policy.put("version", p.version());
        policy.put("previous_version", p.previousVersion());
        policy.put("scope", p.scope());
        policy.put("source", p.source());
        policy.put("reason", p.reason());
        policy.put("effective_round", Json.iso(p.effectiveRoundMillis()));
        ArrayNode changes = policy.putArray("changes");
        for (PolicyChange.Change change : p.changes()) {
            ObjectNode c = changes.addObject();
            c.put("key", change.key());
            c.put("old_value", change.oldValue());
            c.put("new_value", change.newValue());
        }
    }
}
