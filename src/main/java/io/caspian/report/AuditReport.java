package io.caspian.report;

import io.caspian.events.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the audit report shows, computed from the documents of one time range. */
public record AuditReport(
        TimeRange range,
        String source,
        String baseline,
        Decisions decisions,
        List<MigrationRow> migrations,
        Carbon carbon,
        Sla sla,
        List<InefficiencyRow> inefficiencies,
        List<AlertRow> alerts,
        List<String> activeAlerts,
        Map<String, Integer> deadLettersByReason,
        List<String> carbonDataNotes,
        List<PolicyVersions.VersionRow> policyVersions,
        List<PolicyVersions.SwitchRow> policySwitches) {

    /**
     * @param executionMsAvg mean of the decisions' {@code execution_time_ms}; NaN when there was none
     */
    public record Decisions(int total, Map<String, Integer> byOutcome, Map<String, Integer> bySelectedCluster,
            double executionMsAvg, double executionMsP95) {}

    /**
     * One relocation event; {@code origin} is {@code caspian} for this job's own moves, else the module
     * that published it. A figure the event did not carry is NaN (shown as n/a), never 0.
     */
    public record MigrationRow(Instant time, String workload, String origin, String from, String to, String trigger,
            double dataGb, double costG, double savingG, double netG) {

        public boolean own() {
            return AuditEvent.ORIGIN.equals(origin);
        }
    }

    /**
     * Carbon accounted over the range: for every workload, its cumulative figures at its last placement
     * in the range minus those at its last placement before the range.
     */
    public record Carbon(int workloads, double emittedG, double baselineG, double migrationCostG, List<CarbonPoint> series) {
        public double savedG() {
            return baselineG - emittedG;
        }

        public double savedPct() {
            return baselineG > 0 ? 100.0 * savedG() / baselineG : Double.NaN;
        }
    }

    public record CarbonPoint(Instant time, double emittedG, double baselineG) {}

    /**
     * Workloads that ended in the range: completed by their deadline, completed late, or expired.
     * Lateness is over the late ones only; NaN when none was late.
     */
    public record Sla(int completed, int metDeadline, int late, int expired, double meanLatenessMinutes,
            Double analyticsDeadlinesMetPct, Double analyticsCompletionToDeadlineRatio) {
        public double metPct() {
            int finished = completed + expired;
            return finished == 0 ? Double.NaN : 100.0 * metDeadline / finished;
        }
    }

    public record InefficiencyRow(Instant time, String cluster, String type, String state, String severity,
            double wastedKwh, double wastedCo2G, String recommendedAction) {}

    public record AlertRow(Instant time, String alertId, String ruleId, String state, String metric, double value,
            double threshold, String severity) {}
}
