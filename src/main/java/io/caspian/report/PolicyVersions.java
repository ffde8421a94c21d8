package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.audit.PolicyFigures;
import io.caspian.audit.PolicySample;
import io.caspian.events.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's comparison of policy versions: per version, the figures of the rounds, decisions and
 * ended workloads made under it in the range ({@link PolicyFigures}, as the streaming analytics compute
 * them); per switch in the range, what changed, and the streaming job's before/after record of it when
 * the range holds one.
 */
final class PolicyVersions {

    /** One version's figures over the range; {@code rounds} counts the domain rounds planned under it. */
    record VersionRow(long version, int rounds, Map<String, Double> figures) {}

    /** One switch: its change and, when the analytics hold it, the comparison over equal spans. */
    record SwitchRow(Instant effectiveRound, long version, long previousVersion, String scope, String source, String reason,
            List<String> changes, Map<String, Double> comparison) {}

    private PolicyVersions() {}

    /**
     * @param interval the rounds' interval: a summary accounts the interval before its round, which the
     *     previous round's plan governed, and is counted for the version of that round
     */
    static List<VersionRow> versions(List<JsonNode> summaries, List<JsonNode> events, List<JsonNode> placements, TimeRange range,
            Duration interval, Double pricePerKwh) {
        Map<Long, List<PolicySample>> byVersion = new TreeMap<>();
        Map<Long, Integer> rounds = new TreeMap<>();
        TreeMap<Instant, Long> versionAt = new TreeMap<>();
        for (JsonNode s : summaries) {
            versionAt.merge(TimeRange.timeOf(s, "round_time"), s.path("policy_version").asLong(0), Math::max);
        }
        for (JsonNode s : summaries) {
            Instant round = TimeRange.timeOf(s, "round_time");
            Map.Entry<Instant, Long> planned = versionAt.lowerEntry(round.minus(interval).plusMillis(1));
            long version = planned != null ? planned.getValue() : s.path("policy_version").asLong(0);
            rounds.merge(s.path("policy_version").asLong(0), 1, Integer::sum);
            byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(PolicySample.interval(round.toEpochMilli(), version,
                    s.path("emitted_co2_g").asDouble(), s.path("baseline_co2_g").asDouble(), s.path("migration_cost_gco2").asDouble(),
                    s.path("energy_kwh").asDouble()));
        }
        for (JsonNode e : events) {
            if ("scheduling_decision".equals(e.path("event_type").asText()) && AuditEvent.ORIGIN.equals(e.path("origin").asText())
                    && e.path("policy_version").isIntegralNumber()) {
                long version = e.get("policy_version").asLong();
                byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(PolicySample.decision(
                        TimeRange.timeOf(e, "timestamp").toEpochMilli(), version, e.path("execution_time_ms").asLong()));
            }
        }
        for (JsonNode p : AuditReportBuilder.endedInRange(placements, range).values()) {
            Instant end = TimeRange.timeOf(p, "ended_at");
            Instant deadline = TimeRange.timeOf(p, "deadline");
            boolean met = p.path("phase").asText().equals("completed") && (deadline == null || !end.isAfter(deadline));
            long version = p.path("policy_version").asLong(0);
            byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(PolicySample.ended(end.toEpochMilli(), version, met));
        }
        List<VersionRow> rows = new ArrayList<>();
        byVersion.forEach((version, samples) -> rows.add(new VersionRow(version, rounds.getOrDefault(version, 0),
                PolicyFigures.of(samples, pricePerKwh))));
        return rows;
    }

    static List<SwitchRow> switches(List<JsonNode> events, List<JsonNode> analytics) {
        List<SwitchRow> rows = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"policy_change".equals(e.path("event_type").asText())) {
                continue;
            }
            JsonNode policy = e.path("policy");
            Instant effective = TimeRange.timeOf(policy, "effective_round");
            List<String> changes = new ArrayList<>();
            for (JsonNode c : policy.path("changes")) {
                changes.add(c.path("key").asText() + ": " + c.path("old_value").asText() + " → " + c.path("new_value").asText());
            }
            rows.add(new SwitchRow(effective, policy.path("version").asLong(), policy.path("previous_version").asLong(),
                    policy.path("scope").asText(), text(policy, "source"), text(policy, "reason"), changes,
                    comparison(analytics, effective, policy.path("version").asLong())));
        }
        return rows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** The streaming job's {@code policy_switch} record of this switch, or null when the range holds none. */
    private static Map<String, Double> comparison(List<JsonNode> analytics, Instant effective, long version) {
        for (JsonNode a : analytics) {
            if (!"policy_switch".equals(a.path("metric_group").asText()) || a.path("to_version").asLong(-1) != version) {
                continue;
            }
            Instant start = TimeRange.timeOf(a, "window_start");
            Instant end = TimeRange.timeOf(a, "window_end");
            if (start != null && end != null && start.plus(Duration.between(start, end).dividedBy(2)).equals(effective)) {
                Map<String, Double> figures = new LinkedHashMap<>();
                for (String name : PolicyFigures.SWITCH_FIGURES) {
                    JsonNode value = a.path(name);
                    figures.put(name, value.isNumber() ? value.asDouble() : null);
                }
                return figures;
            }
        }
        return null;
    }
}
