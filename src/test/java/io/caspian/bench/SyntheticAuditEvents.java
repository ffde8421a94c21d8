package io.caspian.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.Json;
import java.time.Instant;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * Audit events in the job's JSON shapes for the benchmark, derived from their sequence number alone
 * (so a run is reproducible): mostly scheduling decisions with three alternatives, plus relocations,
 * inefficiencies and carbon-data notices, one every 100 ms of event time.
 */
final class SyntheticAuditEvents {

    static final Instant START = Instant.parse("2025-10-22T00:00:00Z");
    static final long STEP_MILLIS = 100;
    static final int WORKLOADS = 50_000;
    static final String[] CLUSTERS = {"carbon-kr", "carbon-jp", "carbon-cn"};
    private static final String[] OUTCOMES = {"dispatched", "held", "migrated", "unplaced"};

    private SyntheticAuditEvents() {}

    /** (event id, event time in millis, JSON) of the n-th event. */
    static Tuple3<String, Long, String> event(long n) {
        long time = START.toEpochMilli() + n * STEP_MILLIS;
        String id = "bench-" + n;
        ObjectNode node = Json.object();
        node.put("event_id", id);
        node.put("timestamp", Instant.ofEpochMilli(time).toString());
        node.put("workload_id", workload(n));
        String cluster = CLUSTERS[(int) (n % CLUSTERS.length)];
        node.put("cluster", cluster);
        node.put("origin", "benchmark");
        int kind = (int) (n % 20);
        if (kind < 17) {
            decision(node, n, cluster);
        } else if (kind == 17) {
            relocation(node, n, cluster);
        } else if (kind == 18) {
            inefficiency(node, n, cluster);
        } else {
            node.put("event_type", "carbon_data_status");
            node.putObject("carbon_data").put("zone", cluster.substring(7).toUpperCase()).put("status", n % 2 == 0 ? "stale" : "fresh")
                    .put("last_reading", Instant.ofEpochMilli(time - 3_600_000).toString()).put("age_minutes", 60.0);
        }
        return Tuple3.of(id, time, Json.write(node));
    }

    static String workload(long n) {
        return "wl-" + (n % WORKLOADS);
    }

    private static void decision(ObjectNode node, long n, String cluster) {
        node.put("event_type", "scheduling_decision");
        node.put("scheduler", "caspian");
        ObjectNode requirements = node.putObject("workload").put("id", workload(n)).putObject("requirements");
        requirements.put("cpu", 1 + n % 8).put("mem_gb", 4 + n % 32).put("gpu", n % 5 == 0 ? 1 : 0).put("data_gb", n % 100)
                .put("runtime_minutes", 30 + n % 120).put("deadline_minutes", 240 + n % 600);
        ObjectNode decision = node.putObject("decision");
        decision.put("selected_cluster", cluster).put("outcome", OUTCOMES[(int) (n % 7 % OUTCOMES.length)])
                .put("reason", "lowest forecast carbon within the deadline").put("gate_open", n % 3 != 0);
        ObjectNode cost = decision.putObject("cost_calculation");
        double co2 = 100 + (n * 7919 % 5000) / 10.0;
        cost.put("estimated_power_watts", 30.0 * (1 + n % 8)).put("energy_kwh", co2 / 400).put("estimated_co2_g", co2)
                .put("baseline_co2_g", co2 * 1.3).put("forecast_kind", "forecast");
        ArrayNode alternatives = cost.putArray("alternatives");
        for (String alt : CLUSTERS) {
            alternatives.addObject().put("cluster", alt).put("feasible", true).put("cost", co2 + alt.length())
                    .put("carbon_g", co2).put("migration_cost_g", 0.0);
        }
        node.putObject("solver").put("name", "greedy").put("status", "feasible").put("optimality_gap", 0.0);
        node.put("round_time", node.get("timestamp").asText());
        node.put("execution_time_ms", n % 50);
    }

    private static void relocation(ObjectNode node, long n, String cluster) {
        node.put("event_type", "workload_relocation");
        node.put("trigger", "carbon_intensity_change");
        node.putObject("migration").put("from_cluster", CLUSTERS[(int) ((n + 1) % 3)]).put("to_cluster", cluster)
                .put("reason", "greener").put("carbon_saving_g", 300.0).put("carbon_saving_rate_pct", 20.0)
                .put("migration_cost_gco2", 125.0).put("net_saving_g", 175.0).put("data_gb", 50.0);
        node.put("migration_time_seconds", 40.0).put("downtime_seconds", 10.0);
    }

    private static void inefficiency(ObjectNode node, long n, String cluster) {
        node.put("event_type", "inefficiency_detected");
        node.put("severity", n % 2 == 0 ? "medium" : "high");
        node.putObject("inefficiency").put("type", "idle_cluster").put("state", "detected").put("cluster", cluster)
                .put("utilization", 3.5).put("idle_duration_hours", 2.0).put("wasted_energy_kwh", 4.2).put("wasted_co2_g", 1800.0)
                .put("wasted_cost_estimate", 0.6);
        node.put("recommended_action", "consolidation").put("auto_action_taken", false);
    }
}
