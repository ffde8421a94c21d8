package io.caspian.report;

import io.caspian.report.AuditReport.AlertRow;
import io.caspian.report.AuditReport.Carbon;
import io.caspian.report.AuditReport.CarbonPoint;
import io.caspian.report.AuditReport.Decisions;
import io.caspian.report.AuditReport.InefficiencyRow;
import io.caspian.report.AuditReport.MigrationRow;
import io.caspian.report.AuditReport.Sla;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the report as one HTML page with inline SVG charts. Every section and every figure is always
 * there; an empty one says that nothing of its kind happened in the range, so absence is never ambiguous.
 */
public final class HtmlReportWriter {

    static final String[] SECTIONS = {"Decisions", "Migrations", "Carbon savings against the baseline", "SLA compliance",
        "Inefficiencies", "Alerts", "Data quality", "Policy versions"};

    /** The figures, each present in every report: with data, or saying there is none in the range. */
    static final String DECISIONS_FIGURE = "Decisions by selected cluster";
    static final String FLOWS_FIGURE = "Flows";
    static final String CARBON_FIGURE = "Cumulative carbon over the range";
    static final String[] FIGURES = {DECISIONS_FIGURE, FLOWS_FIGURE, CARBON_FIGURE};

    private HtmlReportWriter() {}

    public static String render(AuditReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CASPIAN audit report</title><style>")
                .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;")
                .append("margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f2f2f2}")
                .append(".empty{color:#666;font-style:italic}</style></head><body>");
        html.append("<h1>CASPIAN audit report</h1>");
        html.append(p("Time range: " + report.range().from() + " to " + report.range().to() + " (end exclusive, event time, UTC)."));
        html.append(p("Source: " + report.source() + "."));
        decisions(html, report.decisions());
        migrations(html, report.migrations());
        carbon(html, report.carbon(), report.baseline());
        sla(html, report.sla());
        inefficiencies(html, report.inefficiencies());
        alerts(html, report.alerts(), report.activeAlerts());
        quality(html, report);
        policies(html, report);
        return html.append("</body></html>\n").toString();
    }

    private static String p(String text) {
        return "<p>" + Html.escape(text) + "</p>";
    }

    private static String empty(String text) {
        return "<p class=\"empty\">" + Html.escape(text) + "</p>";
    }

    private static void heading(StringBuilder html, int section) {
        html.append("<h2>").append(Html.escape(SECTIONS[section])).append("</h2>");
    }

    private static void decisions(StringBuilder html, Decisions d) {
        heading(html, 0);
        if (d.total() == 0) {
            html.append(empty("No scheduling decision was made in this range."));
            html.append("<h3>").append(DECISIONS_FIGURE).append("</h3>").append(SvgCharts.none("no decisions in this range"));
            return;
        }
        html.append(p(d.total() + " scheduling decisions; decision time avg " + Html.number(d.executionMsAvg()) + " ms, p95 "
                + Html.number(d.executionMsP95()) + " ms."));
        html.append(Html.table(List.of("outcome", "decisions"), rows(d.byOutcome())));
        html.append("<h3>").append(DECISIONS_FIGURE).append("</h3>").append(SvgCharts.bars(d.bySelectedCluster(), "decisions"));
    }

    private static void migrations(StringBuilder html, List<MigrationRow> migrations) {
        heading(html, 1);
        if (migrations.isEmpty()) {
            html.append(empty("No workload was migrated in this range."));
            html.append("<h3>").append(FLOWS_FIGURE).append("</h3>").append(SvgCharts.none("no migrations in this range"));
            return;
        }
        List<MigrationRow> own = migrations.stream().filter(MigrationRow::own).toList();
        double cost = own.stream().mapToDouble(MigrationRow::costG).sum();
        double net = own.stream().mapToDouble(MigrationRow::netG).sum();
        html.append(p(own.size() + " migrations by CASPIAN; migration cost " + Html.number(cost)
                + " gCO2; net saving after that cost " + Html.number(net) + " gCO2."
                + (own.size() < migrations.size() ? " " + (migrations.size() - own.size())
                        + " more relocations were reported by other modules (listed, not added up)." : "")));
        Map<String, Integer> flows = new TreeMap<>();
        migrations.forEach(m -> flows.merge(m.from() + " -> " + m.to(), 1, Integer::sum));
        html.append("<h3>").append(FLOWS_FIGURE).append("</h3>").append(SvgCharts.bars(flows, "migrations"));
        List<List<String>> rows = new ArrayList<>();
        for (MigrationRow m : migrations) {
            rows.add(List.of(String.valueOf(m.time()), m.workload(), m.origin(), m.from(), m.to(), m.trigger(), Html.number(m.dataGb()),
                    Html.number(m.costG()), Html.number(m.savingG()), Html.number(m.netG())));
        }
        html.append(Html.table(List.of("time", "workload", "origin", "from", "to", "trigger", "data (GB)", "cost (gCO2)",
                "saving (gCO2)", "net (gCO2)"), rows));
    }

    private static void carbon(StringBuilder html, Carbon c, String baseline) {
        heading(html, 2);
        html.append(p("Baseline: " + baseline));
        if (c.workloads() == 0) {
            html.append(empty("No workload was placed in this range, so no carbon was accounted."));
            html.append("<h3>").append(CARBON_FIGURE).append("</h3>").append(SvgCharts.none("no carbon accounted in this range"));
            return;
        }
        html.append(figures(
                "workloads accounted", String.valueOf(c.workloads()),
                "emitted (gCO2, migration costs included)", Html.number(c.emittedG()),
                "baseline (gCO2)", Html.number(c.baselineG()),
                "saved against the baseline (gCO2)", Html.number(c.savedG()),
                "saved (% of baseline)", Html.number(c.savedPct()),
                "of which spent on migrations (gCO2)", Html.number(c.migrationCostG())));
        List<Long> xs = new ArrayList<>();
        List<Double> emitted = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        for (CarbonPoint point : c.series()) {
            xs.add(point.time().toEpochMilli());
            emitted.add(point.emittedG());
            base.add(point.baselineG());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("emitted (cumulative)", emitted);
        series.put("baseline (cumulative)", base);
        html.append("<h3>").append(CARBON_FIGURE).append("</h3>").append(SvgCharts.lines(xs, series, "gCO2"));
    }

    private static void sla(StringBuilder html, Sla s) {
        heading(html, 3);
        if (s.completed() + s.expired() == 0) {
            html.append(empty("No workload completed or expired in this range."));
        } else {
            html.append(figures(
                    "completed", String.valueOf(s.completed()),
                    "completed by the deadline", String.valueOf(s.metDeadline()),
                    "completed late", String.valueOf(s.late()),
                    "expired (deadline passed before it could run)", String.valueOf(s.expired()),
                    "deadlines met (%)", Html.number(s.metPct()),
                    "mean lateness of late workloads (min)", Html.number(s.meanLatenessMinutes())));
        }
        if (s.analyticsDeadlinesMetPct() != null || s.analyticsCompletionToDeadlineRatio() != null) {
            html.append(p("From the analytics windows (mean over overall windows): deadlines met "
                    + Html.number(nan(s.analyticsDeadlinesMetPct())) + " %, completion-to-deadline ratio "
                    + Html.number(nan(s.analyticsCompletionToDeadlineRatio())) + "."));
        } else {
            html.append(empty("No analytics windows in this range."));
        }
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static void inefficiencies(StringBuilder html, List<InefficiencyRow> rows) {
        heading(html, 4);
        if (rows.isEmpty()) {
            html.append(empty("No inefficiency was detected in this range."));
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        for (InefficiencyRow r : rows) {
            cells.add(List.of(String.valueOf(r.time()), r.cluster(), r.type(), r.state(), r.severity(), Html.number(r.wastedKwh()),
                    Html.number(r.wastedCo2G()), r.recommendedAction()));
        }
        html.append(Html.table(List.of("time", "cluster", "type", "state", "severity", "wasted (kWh)", "wasted (gCO2)",
                "recommended action"), cells));
    }

    private static void alerts(StringBuilder html, List<AlertRow> alerts, List<String> active) {
        heading(html, 5);
        if (alerts.isEmpty()) {
            html.append(empty("No alert fired or resolved in this range."));
            return;
        }
        html.append(p(active.isEmpty() ? "No alert is active at the end of the range."
                : "Active at the end of the range: " + String.join(", ", active) + "."));
        List<List<String>> rows = new ArrayList<>();
        for (AlertRow a : alerts) {
            rows.add(List.of(String.valueOf(a.time()), a.alertId(), a.ruleId(), a.state(), a.metric(), Html.number(a.value()),
                    Html.number(a.threshold()), a.severity()));
        }
        html.append(Html.table(List.of("time", "alert", "rule", "state", "metric", "value", "threshold", "severity"), rows));
    }

    private static void quality(StringBuilder html, AuditReport report) {
        heading(html, 6);
        if (report.deadLettersByReason().isEmpty()) {
            html.append(empty("No input was refused in this range."));
        } else {
            html.append(p("Refused input (dead letters) by reason:"));
            html.append(Html.table(List.of("reason", "records"), rows(report.deadLettersByReason())));
        }
        if (report.carbonDataNotes().isEmpty()) {
            html.append(empty("No carbon data went stale in this range."));
        } else {
            html.append("<ul>");
            report.carbonDataNotes().forEach(n -> html.append("<li>").append(Html.escape(n)).append("</li>"));
            html.append("</ul>");
        }
    }

    /** Per version the figures of what was planned under it; per switch what changed, and before against after. */
    private static void policies(StringBuilder html, AuditReport report) {
        heading(html, 7);
        List<PolicyVersions.VersionRow> versions = report.policyVersions();
        if (versions.isEmpty()) {
            html.append(empty("No round was planned in this range."));
        } else {
            List<String> headers = new ArrayList<>(List.of("figure"));
            versions.forEach(v -> headers.add("version " + v.version() + (v.version() == 0 ? " (caspian.yaml)" : "")));
            List<List<String>> rows = new ArrayList<>();
            List<String> rounds = new ArrayList<>(List.of("rounds planned"));
            versions.forEach(v -> rounds.add(String.valueOf(v.rounds())));
            rows.add(rounds);
            for (String name : io.caspian.audit.PolicyFigures.NAMES) {
                List<String> row = new ArrayList<>(List.of(name));
                versions.forEach(v -> row.add(Html.number(nan(v.figures().get(name)))));
                rows.add(row);
            }
            html.append(Html.table(headers, rows));
        }
        if (report.policySwitches().isEmpty()) {
            html.append(empty("No policy changed in this range: caspian.yaml or the version in force before it applied throughout."));
            return;
        }
        for (PolicyVersions.SwitchRow s : report.policySwitches()) {
            html.append("<h3>").append(Html.escape("Version " + s.previousVersion() + " → " + s.version() + " (" + s.scope()
                    + "), from the round of " + s.effectiveRound())).append("</h3>");
            html.append(p("Source: " + (s.source() == null ? "not given" : s.source()) + ". Reason: "
                    + (s.reason() == null ? "not given" : s.reason()) + "."));
            html.append(s.changes().isEmpty() ? empty("It changed no value in force.")
                    : Html.table(List.of("changed"), s.changes().stream().map(List::of).toList()));
            if (s.comparison() == null) {
                html.append(empty("No before/after comparison of this switch in the range (the job writes it once event time is a"
                        + " span past the switch: analytics.policy-switch-span)."));
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (String name : io.caspian.audit.PolicyFigures.NAMES) {
                rows.add(List.of(name, Html.number(nan(s.comparison().get("before_" + name))),
                        Html.number(nan(s.comparison().get("after_" + name)))));
            }
            html.append(Html.table(List.of("figure", "before", "after"), rows));
        }
    }

    /** A two-column table of figures, given as label, value, label, value, ... */
    private static String figures(String... labelsAndValues) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
            rows.add(List.of(labelsAndValues[i], labelsAndValues[i + 1]));
        }
        return Html.table(List.of("figure", "value"), rows);
    }

    private static List<List<String>> rows(Map<String, Integer> counts) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return rows;
    }
}
