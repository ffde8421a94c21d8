package io.caspian.events.json;

import static io.caspian.events.json.Json.round3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.RoundSummary;

/** The round-summaries topic's JSON: one record per scheduling domain and round, keyed by {@link #id}. */
public final class RoundSummaryJson {

    private RoundSummaryJson() {}

    /** Stable for a round of a domain: a replayed round replaces its record. */
    public static String id(RoundSummary s) {
        return s.domain() + "@" + Json.iso(s.roundMillis());
    }

    public static ObjectNode toNode(RoundSummary s) {
        ObjectNode node = Json.object();
        node.put("summary_id", id(s));
        node.put("domain", s.domain());
        node.put("round_time", Json.iso(s.roundMillis()));
        node.put("solver", s.solver());
        node.put("solver_ms", s.solverMillis());
        node.put("policy_version", s.policyVersion());
        node.put("pending", s.pending());
        node.put("held", s.held());
        node.put("running", s.running());
        node.put("ended", s.ended());
        node.put("placements_published", s.placements());
        node.put("emitted_co2_g", round3(s.emittedCo2G()));
        node.put("baseline_co2_g", round3(s.baselineCo2G()));
        node.put("migration_cost_gco2", round3(s.migrationCostG()));
        node.put("energy_kwh", round6(s.energyKwh()));
        ArrayNode clusters = node.putArray("clusters");
        for (RoundSummary.ClusterRound c : s.clusters()) {
            ObjectNode row = clusters.addObject();
            row.put("cluster", c.cluster());
            row.put("zone", c.zone());
            row.put("workloads", c.workloads());
            row.put("accounted", c.accounted());
            row.put("power_watts", round3(c.powerWatts()));
            row.put("planned_co2_g", round3(c.plannedCo2G()));
            row.put("emitted_co2_g", round3(c.emittedCo2G()));
            row.put("baseline_co2_g", round3(c.baselineCo2G()));
            row.put("migration_cost_gco2", round3(c.migrationCostG()));
            row.put("energy_kwh", round6(c.energyKwh()));
        }
        return node;
    }

    /**
     * One flat document per cluster of the round (domain and round time beside the cluster's figures),
     * for indices and dashboards that aggregate per cluster: {@code <domain>@<cluster>@<round time>}.
     */
    public static java.util.List<String> clusterDocuments(RoundSummary s) {
        return clusterDocuments(toNode(s));
    }

    /** The same, from a summary as the topic holds it (its {@code domain}, {@code round_time} and {@code clusters}). */
    public static java.util.List<String> clusterDocuments(ObjectNode summary) {
        String domain = summary.path("domain").asText();
        String roundTime = summary.path("round_time").asText();
        java.util.List<String> documents = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode cluster : summary.path("clusters")) {
            ObjectNode document = Json.object();
            document.put("row_id", domain + "@" + cluster.path("cluster").asText() + "@" + roundTime);
            document.put("domain", domain);
            document.put("round_time", roundTime);
            document.setAll((ObjectNode) cluster);
            documents.add(Json.write(document));
        }
        return documents;
    }

    /** Energy of one round is small: kept to the watt-hour's thousandth. */
    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    public static String write(RoundSummary summary) {
        return Json.write(toNode(summary));
    }
}
