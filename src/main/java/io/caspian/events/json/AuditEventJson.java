package io.caspian.events.json;

import static io.caspian.events.json.Json.round3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.InefficiencyDetected;
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
        }
        return node;
    }

    private static void writeDecision(ObjectNode node, SchedulingDecision d) {
        node.put("scheduler", d.scheduler());
        ObjectNode workload = node.putObject("workload");
        workload.put("id", node.get("workload_id").asText());
        WorkloadEventJson.putRequirements(workload.putObject("requirements"), d.requirements());
        ObjectNode decision = node.putObject("decision");
        decision.put("selected_cluster", d.selectedCluster());
        decision.put("outcome", d.outcome());
        decision.put("reason", d.reason());
        Json.putTime(decision, "planned_start", d.plannedStartMillis());
        decision.put("gate_open", d.gateOpen());
        ObjectNode cost = decision.putObject("cost_calculation");
        cost.put("estimated_power_watts", round3(d.estimatedPowerWatts()));
        cost.put("energy_kwh", round3(d.energyKwh()));
        cost.put("estimated_co2_g", round3(d.estimatedCo2G()));
        cost.put("baseline_co2_g", round3(d.baselineCo2G()));
        cost.put("forecast_kind", d.forecastKind());
        ArrayNode alternatives = cost.putArray("alternatives");
        for (Alternative a : d.alternatives()) {
            ObjectNode alt = alternatives.addObject();
            alt.put("cluster", a.cluster());
            alt.put("feasible", a.feasible());
            Json.putTime(alt, "start", a.startMillis());
            alt.put("cost", round3(a.totalCostG()));
            alt.put("carbon_g", round3(a.carbonG()));
            alt.put("migration_cost_g", round3(a.migrationCostG()));
            if (a.note() != null) {
                alt.put("note", a.note());
            }
        }
        ObjectNode solver = node.putObject("solver");
        solver.put("name", d.solver());
        solver.put("status", d.solverStatus());
        solver.put("optimality_gap", round3(d.optimalityGap()));
        node.put("round_time", Json.iso(d.roundMillis()));
        node.put("execution_time_ms", d.executionTimeMs());
    }

    private static void writeRelocation(ObjectNode node, WorkloadRelocation r) {
        node.put("trigger", r.trigger());
        node.put("workload", node.get("workload_id").asText());
        ObjectNode migration = node.putObject("migration");
        migration.put("from_cluster", r.fromCluster());
        migration.put("to_cluster", r.toCluster());
        migration.put("reason", r.reason());
        migration.put("carbon_saving_g", round3(r.carbonSavingG()));
        migration.put("carbon_saving_rate_pct", round3(r.carbonSavingRatePct()));
        migration.put("migration_cost_gco2", round3(r.migrationCostG()));
        migration.put("net_saving_g", round3(r.netSavingG()));
        migration.put("data_gb", r.dataGb());
        node.put("migration_time_seconds", r.migrationTimeSeconds());
        node.put("downtime_seconds", r.downtimeSeconds());
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
        finding.put("utilization", round3(i.utilizationPct()));
        finding.put("idle_duration_hours", round3(i.durationHours()));
        finding.put("wasted_energy_kwh", round3(i.wastedEnergyKwh()));
        finding.put("wasted_co2_g", round3(i.wastedCo2G()));
        if (i.wastedCostEstimate() != null) {
            finding.put("wasted_cost_estimate", round3(i.wastedCostEstimate()));
        } else {
            finding.putNull("wasted_cost_estimate");
        }
        node.put("recommended_action", i.recommendedAction());
        node.put("auto_action_taken", i.autoActionTaken());
    }

    private static void writeCarbonStatus(ObjectNode node, CarbonDataStatus s) {
        ObjectNode status = node.putObject("carbon_data");
        status.put("zone", s.zone());
        status.put("status", s.status());
        status.put("last_reading", Json.iso(s.lastReadingMillis()));
        status.put("age_minutes", round3(s.ageMinutes()));
    }
}
