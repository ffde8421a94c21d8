package io.caspian.events.json;

import static io.caspian.events.json.Json.round3;
import static io.caspian.events.json.Json.timeField;

import io.caspian.events.Placement;
import java.util.Locale;

/**
 * The placements topic's JSON: one record per workload and round, keyed by {@code job_id}. Written field
 * by field to a streaming generator, as a round may publish one per workload.
 */
public final class PlacementJson {

    private static final LastWritten<Placement> LAST = new LastWritten<>(PlacementJson::writeNew);

    private PlacementJson() {}

    public static String write(Placement placement) {
        return LAST.write(placement);
    }

    private static String writeNew(Placement p) {
        return Json.stream(out -> {
            out.writeStartObject();
            out.writeStringField("job_id", p.jobId());
            out.writeStringField("round_time", Json.iso(p.roundMillis()));
            out.writeStringField("phase", p.phase().name().toLowerCase(Locale.ROOT));
            out.writeStringField("target_cluster", p.targetCluster());
            out.writeStringField("zone", p.zone());
            out.writeNumberField("start_slot", p.startSlot());
            timeField(out, "planned_start", p.plannedStartMillis());
            out.writeBooleanField("gate_open", p.gateOpen());
            out.writeStringField("gate_reason", p.gateReason());
            out.writeNumberField("estimated_co2_g", round3(p.estimatedCo2G()));
            out.writeNumberField("emitted_co2_g", round3(p.emittedCo2G()));
            out.writeNumberField("baseline_co2_g", round3(p.baselineCo2G()));
            timeField(out, "scheduled_at", p.scheduledAtMillis());
            out.writeStringField("previous_cluster", p.previousCluster());
            out.writeStringField("migrated_from", p.migratedFrom());
            timeField(out, "migration_time", p.migrationTimeMillis());
            out.writeNumberField("data_gb", p.dataGb());
            out.writeNumberField("power_watts", round3(p.powerWatts()));
            out.writeNumberField("remaining_minutes", round3(p.remainingMinutes()));
            out.writeStringField("deadline", Json.iso(p.deadlineMillis()));
            out.writeNumberField("migration_cost_gco2", round3(p.migrationCostG()));
            out.writeNumberField("carbon_saving_g", round3(p.carbonSavingG()));
            out.writeStringField("solver", p.solver());
            timeField(out, "ended_at", p.endedMillis());
            out.writeStringField("submitted_at", Json.iso(p.submittedMillis()));
            out.writeNumberField("policy_version", p.policyVersion());
            out.writeEndObject();
        });
    }
}
