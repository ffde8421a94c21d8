package io.caspian.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Analytics windows and alerts in the shapes the analytics operator publishes, with seeded random
 * figures, and the answers a query over them must give, computed here from the same documents.
 */
final class SampleDocuments {

    private SampleDocuments() {}

    /** One 1-minute window per minute and scope. */
    static List<String> analytics(Instant start, int minutes, List<String> scopes) {
        Random random = new Random(7);
        List<String> documents = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            Instant windowStart = start.plus(Duration.ofMinutes(m));
            for (String scope : scopes) {
                ObjectNode node = Json.object();
                node.put("window_start", windowStart.toString());
                node.put("window_end", windowStart.plus(Duration.ofMinutes(1)).toString());
                node.put("window", "1m");
                node.put("scope", scope);
                int decisions = random.nextInt(20);
                node.put("decisions", decisions);
                node.put("success_rate_pct", decisions == 0 ? 100.0 : 100.0 * (decisions - random.nextInt(decisions + 1) / 4) / decisions);
                node.put("decision_latency_p95_ms", random.nextInt(500));
                node.put("metric_group", "carbon_efficiency");
                node.put("net_saved_co2_g", Math.round(random.nextDouble() * 1000_000) / 1000.0);
                documents.add(Json.write(node));
            }
        }
        return documents;
    }

    record Expected(long windows, double decisions, double savedCo2G, double maxP95Ms) {}

    static Expected expectedOverall(List<String> analytics, Instant from, Instant to) {
        long windows = 0;
        double decisions = 0;
        double saved = 0;
        double p95 = 0;
        for (String json : analytics) {
            JsonNode node = parse(json);
            Instant start = Instant.parse(node.get("window_start").asText());
            if (node.get("scope").asText().equals("overall") && !start.isBefore(from) && start.isBefore(to)) {
                windows++;
                decisions += node.get("decisions").asDouble();
                saved += node.get("net_saved_co2_g").asDouble();
                p95 = Math.max(p95, node.get("decision_latency_p95_ms").asDouble());
            }
        }
        return new Expected(windows, decisions, saved, p95);
    }

    /** Three alerts: the first fired and resolved, the other two still fired. */
    static List<String> alerts(Instant firstFired) {
        List<String> documents = new ArrayList<>();
        documents.add(alert("alert-1", "slow-decisions", "fired", firstFired, "decision_latency_p95_ms", 812, 500, "warning"));
        documents.add(alert("alert-2", "low-success", "fired", firstFired.plusSeconds(60), "success_rate_pct", 71, 90, "critical"));
        documents.add(alert("alert-1", "slow-decisions", "resolved", firstFired.plusSeconds(300), "decision_latency_p95_ms", 240, 500, "warning"));
        documents.add(alert("alert-3", "no-savings", "fired", firstFired.plusSeconds(360), "net_saved_co2_g", 0, 1, "info"));
        return documents;
    }

    private static String alert(String id, String rule, String state, Instant at, String metric, double value, double threshold,
            String severity) {
        ObjectNode node = Json.object();
        node.put("alert_id", id);
        node.put("rule_id", rule);
        node.put("state", state);
        node.put("metric", metric);
        node.put("value", value);
        node.put("threshold", threshold);
        node.put("severity", severity);
        node.put("timestamp", at.toString());
        return Json.write(node);
    }

    /** Alerts whose latest document says fired. */
    static Set<String> activeAlertIds(List<String> alerts) {
        Map<String, JsonNode> latest = new HashMap<>();
        for (String json : alerts) {
            JsonNode node = parse(json);
            latest.merge(node.get("alert_id").asText(), node, (a, b) ->
                    Instant.parse(a.get("timestamp").asText()).isAfter(Instant.parse(b.get("timestamp").asText())) ? a : b);
        }
        return latest.values().stream().filter(n -> n.get("state").asText().equals("fired"))
                .map(n -> n.get("alert_id").asText()).collect(Collectors.toSet());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
