package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.events.AuditEvent;
import io.caspian.events.WorkloadPhase;
import io.caspian.report.AuditReport.AlertRow;
import io.caspian.report.AuditReport.Carbon;
import io.caspian.report.AuditReport.CarbonPoint;
import io.caspian.report.AuditReport.Decisions;
import io.caspian.report.AuditReport.InefficiencyRow;
import io.caspian.report.AuditReport.MigrationRow;
import io.caspian.report.AuditReport.Sla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the report's figures from the documents; every definition is in docs/elasticsearch.md. */
public final class AuditReportBuilder {

    private AuditReportBuilder() {}

    /** @param config the rounds' interval and the price of a kWh, for the policy comparison */
    public static AuditReport build(AuditRecords records, TimeRange range, String source, String baseline,
            io.caspian.config.CaspianConfig config) {
        List<JsonNode> events = new ArrayList<>(records.auditEvents());
        events.sort(Comparator.comparing(e -> TimeRange.timeOf(e, "timestamp")));
        List<MigrationRow> migrations = migrations(events);
        return new AuditReport(range, source, baseline, decisions(events), migrations,
                carbon(records.roundSummaries(), records.placements(), range, migrations), sla(records.placements(), records.analytics(), range),
                inefficiencies(events), alerts(records.alerts()), activeAlerts(records.alerts()),
                deadLetters(records.deadLetters()), carbonDataNotes(events),
                PolicyVersions.versions(records.roundSummaries(), events, records.placements(), range, config.scheduler().interval(),
                        config.audit().pricePerKwh()),
                PolicyVersions.switches(events, records.analytics()));
    }

    /** The last placement of each completed or expired workload that ended in the range, by job. */
    static Map<String, JsonNode> endedInRange(List<JsonNode> placements, TimeRange range) {
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        for (JsonNode p : placements) {
            Instant end = TimeRange.timeOf(p, "ended_at");
            String phase = p.path("phase").asText();
            if (end != null && range.contains(end) && (phase.equals("completed") || phase.equals("expired"))) {
                ended.put(p.path("job_id").asText(), p);
            }
        }
        return ended;
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("event_type").asText())).toList();
    }

    static Decisions decisions(List<JsonNode> events) {
        List<JsonNode> decisions = ofType(events, "scheduling_decision");
        Map<String, Integer> byOutcome = new TreeMap<>();
        Map<String, Integer> byCluster = new TreeMap<>();
        List<Double> times = new ArrayList<>();
        for (JsonNode d : decisions) {
            byOutcome.merge(d.at("/decision/outcome").asText("unknown"), 1, Integer::sum);
            JsonNode selected = d.at("/decision/selected_cluster");
            byCluster.merge(selected.isMissingNode() || selected.isNull() ? "(none)" : selected.asText(), 1, Integer::sum);
            if (d.path("execution_time_ms").isNumber()) {
                times.add(d.get("execution_time_ms").asDouble());
            }
        }
        times.sort(null);
        double avg = times.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double p95 = times.isEmpty() ? Double.NaN : times.get((int) Math.ceil(0.95 * times.size()) - 1);
        return new Decisions(decisions.size(), byOutcome, byCluster, avg, p95);
    }

    /** One row per move: a move's measured follow-up carries its event_id again and stands for it. */
    static List<MigrationRow> migrations(List<JsonNode> events) {
        java.util.Map<String, JsonNode> moves = new java.util.LinkedHashMap<>();
        int unnamed = 0;
        for (JsonNode r : ofType(events, "workload_relocation")) {
            String id = r.path("event_id").asText("");
            moves.put(id.isEmpty() ? "\u0000" + unnamed++ : id, r);
        }
        List<MigrationRow> rows = new ArrayList<>();
        for (JsonNode r : moves.values()) {
            JsonNode m = r.path("migration");
            JsonNode trigger = r.path("trigger");
            rows.add(new MigrationRow(TimeRange.timeOf(r, "timestamp"), r.path("workload_id").asText(),
                    r.path("origin").asText(AuditEvent.ORIGIN), m.path("from_cluster").asText(), m.path("to_cluster").asText(),
                    trigger.isObject() ? trigger.path("cause").asText() : trigger.asText(""),
                    numberOrNaN(m.path("data_gb")), numberOrNaN(m.path("migration_cost_gco2")),
                    numberOrNaN(m.path("carbon_saving_g")), numberOrNaN(m.path("net_saving_g"))));
        }
        return rows;
    }

    private static double numberOrNaN(JsonNode value) {
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /**
     * The carbon of the range from the round summaries (each holds what its round's interval added),
     * and the workloads that were active in it from the placements: those with a placement in the
     * range, and those whose latest placement before it had not ended.
     */
    static Carbon carbon(List<JsonNode> summaries, List<JsonNode> placements, TimeRange range, List<MigrationRow> migrations) {
        TreeMap<Instant, double[]> perRound = new TreeMap<>();
        for (JsonNode s : summaries) {
            Instant time = TimeRange.timeOf(s, "round_time");
            if (time != null && range.contains(time)) {
                double[] sums = perRound.computeIfAbsent(time, t -> new double[2]);
                sums[0] += s.path("emitted_co2_g").asDouble();
                sums[1] += s.path("baseline_co2_g").asDouble();
            }
        }
        double emitted = 0;
        double baseline = 0;
        List<CarbonPoint> points = new ArrayList<>();
        for (Map.Entry<Instant, double[]> round : perRound.entrySet()) {
            emitted += round.getValue()[0];
            baseline += round.getValue()[1];
            points.add(new CarbonPoint(round.getKey(), emitted, baseline));
        }
        Set<String> active = new TreeSet<>();
        for (JsonNode p : placements) {
            Instant time = TimeRange.timeOf(p, "round_time");
            if (time == null) {
                continue;
            }
            boolean ended = TERMINAL_PHASES.contains(p.path("phase").asText());
            if (range.contains(time) || (time.isBefore(range.from()) && !ended)) {
                active.add(p.path("job_id").asText());
            }
        }
        // the summaries carry this job's own migration costs, so only its own moves are added up here
        double migrationCost = migrations.stream().filter(MigrationRow::own).mapToDouble(MigrationRow::costG).sum();
        return new Carbon(active.size(), emitted, baseline, migrationCost, points);
    }

    private static final Set<String> TERMINAL_PHASES = java.util.Arrays.stream(WorkloadPhase.values()).filter(WorkloadPhase::terminal)
            .map(phase -> phase.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    static Sla sla(List<JsonNode> placements, List<JsonNode> analytics, TimeRange range) {
        Map<String, JsonNode> ended = endedInRange(placements, range);
        int completed = 0;
        int met = 0;
        int late = 0;
        int expired = 0;
        double lateness = 0;
        for (JsonNode p : ended.values()) {
            if (p.path("phase").asText().equals("expired")) {
                expired++;
                continue;
            }
            completed++;
            Instant end = TimeRange.timeOf(p, "ended_at");
            Instant deadline = TimeRange.timeOf(p, "deadline");
            if (deadline == null || !end.isAfter(deadline)) {
                met++;
            } else {
                late++;
                lateness += Duration.between(deadline, end).toMillis() / 60_000.0;
            }
        }
        return new Sla(completed, met, late, expired, late == 0 ? Double.NaN : lateness / late,
                overallMean(analytics, "deadlines_met_pct"), overallMean(analytics, "completion_to_deadline_ratio_avg"));
    }

    /** Mean of a figure over the overall windows of the analytics, or null when none carries it. */
    private static Double overallMean(List<JsonNode> analytics, String field) {
        double sum = 0;
        int n = 0;
        for (JsonNode w : analytics) {
            if ("overall".equals(w.path("scope").asText()) && w.path(field).isNumber()) {
                sum += w.get(field).asDouble();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    static List<InefficiencyRow> inefficiencies(List<JsonNode> events) {
        List<InefficiencyRow> rows = new ArrayList<>();
        for (JsonNode e : ofType(events, "inefficiency_detected")) {
            JsonNode i = e.path("inefficiency");
            rows.add(new InefficiencyRow(TimeRange.timeOf(e, "timestamp"), i.path("cluster").asText(e.path("cluster").asText()),
                    i.path("type").asText(), i.path("state").asText(), e.path("severity").asText(),
                    i.path("wasted_energy_kwh").asDouble(), i.path("wasted_co2_g").asDouble(), e.path("recommended_action").asText()));
        }
        return rows;
    }

    static List<AlertRow> alerts(List<JsonNode> alerts) {
        List<AlertRow> rows = new ArrayList<>();
        for (JsonNode a : alerts) {
            rows.add(new AlertRow(TimeRange.timeOf(a, "timestamp"), a.path("alert_id").asText(), a.path("rule_id").asText(),
                    a.path("state").asText(), a.path("metric").asText(), a.path("value").asDouble(), a.path("threshold").asDouble(),
                    a.path("severity").asText()));
        }
        rows.sort(Comparator.comparing(AlertRow::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    /** Alerts whose latest state in the range is fired. */
    static List<String> activeAlerts(List<JsonNode> alerts) {
        Map<String, AlertRow> latest = new TreeMap<>();
        for (AlertRow row : alerts(alerts)) {
            latest.put(row.alertId(), row); // rows are in time order, so the last one wins
        }
        return latest.values().stream().filter(r -> r.state().equals("fired")).map(AlertRow::alertId).toList();
    }

    static Map<String, Integer> deadLetters(List<JsonNode> deadLetters) {
        Map<String, Integer> byReason = new TreeMap<>();
        deadLetters.forEach(d -> byReason.merge(d.path("reason").asText("unknown"), 1, Integer::sum));
        return byReason;
    }

    static List<String> carbonDataNotes(List<JsonNode> events) {
        List<String> notes = new ArrayList<>();
        for (JsonNode e : ofType(events, "carbon_data_status")) {
            JsonNode s = e.path("carbon_data");
            notes.add(e.path("timestamp").asText() + ": zone " + s.path("zone").asText() + " data " + s.path("status").asText()
                    + " (last reading " + s.path("last_reading").asText() + ")");
        }
        return notes;
    }
}
