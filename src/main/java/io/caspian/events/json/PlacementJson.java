package io.caspian.events.json;

import static io.caspian.events.json.Json.round3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Placement;
import java.util.Locale;

/** The placements topic's JSON: one record per workload and round, keyed by {@code job_id}. */
public final class PlacementJson {

    private PlacementJson() {}

    public static ObjectNode toNode(Placement p) {
        ObjectNode node = Json.object();
        node.put("job_id", p.jobId());
        node.put("round_time", Json.iso(p.roundMillis()));
        node.put("phase", p.phase().name().toLowerCase(Locale.ROOT));
        node.put("target_cluster", p.targetCluster());
        node.put("zone", p.zone());
        node.put("start_slot", p.startSlot());
        Json.putTime(node, "planned_start", p.plannedStartMillis());
        node.put("gate_open", p.gateOpen());
        node.put("gate_reason", p.gateReason());
        node.put("estimated_co2_g", round3(p.estimatedCo2G()));
        node.put("emitted_co2_g", round3(p.emittedCo2G()));
        node.put("baseline_co2_g", round3(p.baselineCo2G()));
        Json.putTime(node, "scheduled_at", p.scheduledAtMillis());
        node.put("previous_cluster", p.previousCluster());
        node.put("migrated_from", p.migratedFrom());
        Json.putTime(node, "migration_time", p.migrationTimeMillis());
        node.put("data_gb", p.dataGb());
        node.put("power_watts", round3(p.powerWatts()));
        node.put("remaining_minutes", round3(p.remainingMinutes()));
        node.put("deadline", Json.iso(p.deadlineMillis()));
        node.put("migration_cost_gco2", round3(p.migrationCostG()));
        node.put("carbon_saving_g", round3(p.carbonSavingG()));
        node.put("solver", p.solver());
        Json.putTime(node, "ended_at", p.endedMillis());
        node.put("submitted_at", Json.iso(p.submittedMillis()));
        node.put("policy_version", p.policyVersion());
        return node;
    }

    public static String write(Placement placement) {
        return Json.write(toNode(placement));
    }
}
