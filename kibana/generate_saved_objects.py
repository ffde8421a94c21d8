#!/usr/bin/python3
"""Writes kibana/caspian-saved-objects.ndjson: data views, Lens visualisations and dashboards.

The objects are generated from the short descriptions below so that ids, layer references and
dashboard panel references stay consistent; run it after changing them and commit the output.
KibanaSavedObjectsTest checks every field the objects name against the index templates.

    /usr/bin/python3 kibana/generate_saved_objects.py
"""
import json
import os

PREFIX = "caspian"
CORE = "8.19.0"

DATA_VIEWS = {
    # stream: (time field, display name)
    "audit-events": ("timestamp", "CASPIAN audit events"),
    "placements": ("round_time", "CASPIAN placements"),
    "dead-letter": ("timestamp", "CASPIAN dead letters"),
    "analytics": ("window_start", "CASPIAN analytics windows"),
    "alerts": ("timestamp", "CASPIAN alerts"),
    "carbon-intensity": ("timestamp", "CASPIAN carbon intensity"),
    "round-summaries": ("round_time", "CASPIAN round summaries"),
    "cluster-rounds": ("round_time", "CASPIAN clusters per round"),
}


def data_view_id(stream):
    return f"{PREFIX}-dv-{stream}"


def data_view(stream):
    time_field, name = DATA_VIEWS[stream]
    return {
        "id": data_view_id(stream), "type": "index-pattern", "managed": False,
        "coreMigrationVersion": CORE, "typeMigrationVersion": "8.0.0",
        "attributes": {"title": f"{PREFIX}-{stream}-*", "name": name, "timeFieldName": time_field},
        "references": [],
    }


# ---- Lens columns -----------------------------------------------------------------------------
def date_histogram(field):
    return {"label": field, "dataType": "date", "operationType": "date_histogram", "sourceField": field,
            "isBucketed": True, "scale": "interval", "params": {"interval": "auto", "includeEmptyRows": True}}


def terms(field, size=10, order_column=None):
    order = {"type": "column", "columnId": order_column} if order_column else {"type": "alphabetical", "fallback": True}
    return {"label": f"Top values of {field}", "dataType": "string", "operationType": "terms", "sourceField": field,
            "isBucketed": True, "scale": "ordinal",
            "params": {"size": size, "orderBy": order, "orderDirection": "desc", "otherBucket": False, "missingBucket": False}}


def metric(op, field, label=None):
    return {"label": label or f"{op} of {field}", "dataType": "number", "operationType": op, "sourceField": field,
            "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def count(label="Count"):
    return {"label": label, "dataType": "number", "operationType": "count", "sourceField": "___records___",
            "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def last_value(field, sort_field, label=None):
    return {"label": label or field, "dataType": "string", "operationType": "last_value", "sourceField": field,
            "isBucketed": False, "scale": "ordinal", "params": {"sortField": sort_field, "showArrayValues": False}}


# ---- Lens visualisations ----------------------------------------------------------------------
def lens(vis_id, title, stream, columns, visualization_type, visualization, query=""):
    layer = "layer1"
    return {
        "id": vis_id, "type": "lens", "managed": False, "coreMigrationVersion": CORE, "typeMigrationVersion": "8.9.0",
        "attributes": {
            "title": title, "description": "", "visualizationType": visualization_type,
            "state": {
                "datasourceStates": {"formBased": {"layers": {layer: {
                    "columns": columns, "columnOrder": list(columns.keys()), "incompleteColumns": {}, "sampling": 1}}}},
                "visualization": visualization(layer),
                "query": {"query": query, "language": "kuery"},
                "filters": [], "internalReferences": [], "adHocDataViews": {},
            },
        },
        "references": [{"type": "index-pattern", "id": data_view_id(stream),
                        "name": f"indexpattern-datasource-layer-{layer}"}],
    }


def xy(series_type, x, ys, split=None):
    def build(layer):
        layer_config = {"layerId": layer, "layerType": "data", "seriesType": series_type, "xAccessor": x,
                        "accessors": ys, "position": "top", "showGridlines": False}
        if split:
            layer_config["splitAccessor"] = split
        return {"legend": {"isVisible": True, "position": "right"}, "valueLabels": "hide",
                "preferredSeriesType": series_type, "layers": [layer_config]}
    return build


def table(columns):
    return lambda layer: {"layerId": layer, "layerType": "data", "columns": [{"columnId": c} for c in columns]}


def heatmap(x, y, value):
    return lambda layer: {"layerId": layer, "layerType": "data", "shape": "heatmap", "xAccessor": x, "yAccessor": y,
                          "valueAccessor": value, "legend": {"isVisible": True, "position": "right", "type": "heatmap_legend"},
                          "gridConfig": {"type": "heatmap_grid", "isCellLabelVisible": True, "isYAxisLabelVisible": True,
                                         "isXAxisLabelVisible": True}}


def visualisations():
    v = []
    c = {"t": date_histogram("timestamp"), "zone": terms("zone", 20), "ci": metric("average", "carbon_intensity_gco2_per_kwh",
                                                                                     "gCO2/kWh")}
    v.append(lens("caspian-carbon-intensity-per-zone", "Carbon intensity per zone (gCO2/kWh)", "carbon-intensity", c, "lnsXY",
                  xy("line", "t", ["ci"], "zone")))
    # placements are written on change only: the running workloads per cluster come from each round's rows
    c = {"t": date_histogram("round_time"), "cluster": terms("cluster", 20), "jobs": metric("average", "workloads",
                                                                                            "running workloads (mean per round)")}
    v.append(lens("caspian-workloads-per-cluster", "Running workloads per cluster", "cluster-rounds", c, "lnsXY",
                  xy("bar_stacked", "t", ["jobs"], "cluster")))
    c = {"from": terms("migration.from_cluster", 20), "to": terms("migration.to_cluster", 20), "n": count("migrations")}
    v.append(lens("caspian-migration-flows", "Migration flows (from -> to)", "audit-events", c, "lnsHeatmap",
                  heatmap("from", "to", "n"), query='event_type : "workload_relocation"'))
    c = {"job": terms("workload_id", 100, "cost"), "from": terms("migration.from_cluster", 20),
         "to": terms("migration.to_cluster", 20), "data": metric("sum", "migration.data_gb", "data moved (GB)"),
         "cost": metric("sum", "migration.migration_cost_gco2", "migration cost (gCO2)"),
         "saving": metric("sum", "migration.carbon_saving_g", "carbon saving (gCO2)"),
         "net": metric("sum", "migration.net_saving_g", "net saving (gCO2)"),
         "downtime": metric("sum", "downtime_seconds", "downtime (s)")}
    v.append(lens("caspian-migrations-table", "Migrations", "audit-events", c, "lnsDatatable", table(list(c)),
                  query='event_type : "workload_relocation"'))
    c = {"t": date_histogram("window_start"), "baseline": metric("sum", "baseline_co2_g", "baseline (gCO2)"),
         "emitted": metric("sum", "emitted_co2_g", "emitted (gCO2)"), "net": metric("sum", "net_saved_co2_g", "net saved (gCO2)"),
         "overhead": metric("sum", "migration_overhead_co2_g", "migration overhead (gCO2)")}
    v.append(lens("caspian-savings-vs-baseline", "Carbon against the baseline (start at once on the home cluster)", "analytics",
                  c, "lnsXY", xy("line", "t", ["baseline", "emitted", "net", "overhead"]),
                  query='window : "1h" and scope : "overall"'))
    c = {"t": date_histogram("window_start"), "met": metric("average", "deadlines_met_pct", "deadlines met (%)"),
         "ratio": metric("average", "completion_to_deadline_ratio_avg", "completion / deadline"),
         "late": metric("average", "lateness_minutes_avg_missed", "lateness of missed (min)")}
    v.append(lens("caspian-sla-compliance", "SLA compliance", "analytics", c, "lnsXY", xy("line", "t", ["met", "ratio", "late"]),
                  query='window : "1h" and scope : "overall"'))
    c = {"t": date_histogram("window_start"), "avg": metric("average", "decision_latency_avg_ms", "avg (ms)"),
         "p50": metric("max", "decision_latency_p50_ms", "p50 (ms)"), "p95": metric("max", "decision_latency_p95_ms", "p95 (ms)"),
         "p99": metric("max", "decision_latency_p99_ms", "p99 (ms)")}
    v.append(lens("caspian-scheduling-latency", "Scheduling decision latency", "analytics", c, "lnsXY",
                  xy("line", "t", ["avg", "p50", "p95", "p99"]), query='window : "1m" and scope : "overall"'))
    c = {"cluster": terms("inefficiency.cluster", 20, "co2"), "type": terms("inefficiency.type", 5),
         "severity": terms("severity", 5), "action": terms("recommended_action", 5),
         "energy": metric("sum", "inefficiency.wasted_energy_kwh", "wasted energy (kWh)"),
         "co2": metric("sum", "inefficiency.wasted_co2_g", "wasted carbon (gCO2)"),
         "cost": metric("sum", "inefficiency.wasted_cost_estimate", "wasted cost")}
    v.append(lens("caspian-inefficiencies", "Inefficiencies (idle or under-used clusters)", "audit-events", c, "lnsDatatable",
                  table(list(c)), query='event_type : "inefficiency_detected"'))
    c = {"alert": terms("alert_id", 100, "time"), "time": metric("max", "timestamp", "last change"),
         "state": last_value("state", "timestamp", "state"), "severity": last_value("severity", "timestamp", "severity"),
         "metric": last_value("metric", "timestamp", "metric"), "value": metric("max", "value", "value"),
         "threshold": metric("max", "threshold", "threshold")}
    c["time"]["dataType"] = "date"
    v.append(lens("caspian-active-alerts", "Alerts: latest state of each (fired = active)", "alerts", c, "lnsDatatable",
                  table(list(c))))
    # policy versions: what changed when (the nested changes are listed per key in Discover), and each switch compared
    c = {"version": terms("policy.version", 100, "round"), "scope": terms("policy.scope", 20), "source": terms("policy.source", 20),
         "round": metric("max", "policy.effective_round", "first round under it")}
    c["round"]["dataType"] = "date"
    v.append(lens("caspian-policy-changes", "CASPIAN policy changes", "audit-events", c, "lnsDatatable", table(list(c)),
                  query='event_type : "policy_change"'))
    c = {"to": terms("to_version", 100, "start"), "start": metric("max", "window_start", "span from"),
         "saving_before": metric("max", "before_saving_pct", "saving before (%)"),
         "saving_after": metric("max", "after_saving_pct", "saving after (%)"),
         "p95_change": metric("max", "decision_latency_p95_change_pct", "p95 latency change (%)"),
         "met_change": metric("max", "deadlines_met_change_pp", "deadlines met change (pp)"),
         "cost_change": metric("max", "migration_cost_change_g", "migration cost change (gCO2)")}
    c["start"]["dataType"] = "date"
    v.append(lens("caspian-policy-switches", "Before and after each policy switch", "analytics", c, "lnsDatatable",
                  table(list(c)), query='metric_group : "policy_switch"'))
    # forecast error per zone: the feed's forecast against the learnt one, a day and an hour ahead
    c = {"zone": terms("scope", 50, "feed24"),
         "feed24": metric("average", "feed_mape_pct_24h", "feed MAPE 24 h (%)"),
         "learned24": metric("average", "learned_mape_pct_24h", "learnt MAPE 24 h (%)"),
         "feed1": metric("average", "feed_mape_pct_1h", "feed MAPE 1 h (%)"),
         "learned1": metric("average", "learned_mape_pct_1h", "learnt MAPE 1 h (%)"),
         "bias24": metric("average", "feed_bias_gco2_per_kwh_24h", "feed bias 24 h (gCO2/kWh)"),
         "hours": metric("sum", "feed_hours_24h", "hours scored 24 h ahead")}
    v.append(lens("caspian-forecast-error-per-zone", "Forecast error per zone (mean of hourly windows)", "analytics", c,
                  "lnsDatatable", table(list(c)), query='metric_group : "forecast_error" and window : "1h"'))
    c = {"t": date_histogram("window_start"), "feed": metric("average", "feed_mape_pct_24h", "feed (%)"),
         "learned": metric("average", "learned_mape_pct_24h", "learnt (%)")}
    v.append(lens("caspian-forecast-error-over-time", "Day-ahead forecast error (MAPE, all zones)", "analytics", c, "lnsXY",
                  xy("line", "t", ["feed", "learned"]), query='metric_group : "forecast_error" and window : "1h"'))
    return v


def dashboard(dash_id, title, panel_ids):
    panels, references = [], []
    for i, vis_id in enumerate(panel_ids):
        panel = f"p{i}"
        panels.append({"type": "lens", "panelIndex": panel, "panelRefName": f"panel_{panel}", "embeddableConfig": {},
                       "gridData": {"x": (i % 2) * 24, "y": (i // 2) * 15, "w": 24, "h": 15, "i": panel}})
        references.append({"type": "lens", "id": vis_id, "name": f"{panel}:panel_{panel}"})
    return {
        "id": dash_id, "type": "dashboard", "managed": False, "coreMigrationVersion": CORE, "typeMigrationVersion": "10.2.0",
        "attributes": {
            "title": title, "description": "", "timeRestore": False, "version": 1,
            "panelsJSON": json.dumps(panels), "optionsJSON": json.dumps({"useMargins": True, "syncColors": False,
                                                                         "hidePanelTitles": False}),
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"},
                                                                      "filter": []})},
        },
        "references": references,
    }


def main():
    objects = [data_view(s) for s in DATA_VIEWS]
    objects += visualisations()
    objects.append(dashboard("caspian-overview", "CASPIAN: carbon, placements and savings",
                             ["caspian-carbon-intensity-per-zone", "caspian-workloads-per-cluster",
                              "caspian-savings-vs-baseline", "caspian-sla-compliance", "caspian-scheduling-latency"]))
    objects.append(dashboard("caspian-migrations", "CASPIAN: migrations",
                             ["caspian-migration-flows", "caspian-migrations-table"]))
    objects.append(dashboard("caspian-audit", "CASPIAN: inefficiencies and alerts",
                             ["caspian-inefficiencies", "caspian-active-alerts"]))
    objects.append(dashboard("caspian-policies", "CASPIAN: policy changes",
                             ["caspian-policy-changes", "caspian-policy-switches"]))
    objects.append(dashboard("caspian-forecasts", "CASPIAN: forecast error",
                             ["caspian-forecast-error-per-zone", "caspian-forecast-error-over-time"]))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "caspian-saved-objects.ndjson")
    with open(out, "w") as f:
        for o in objects:
            f.write(json.dumps(o, separators=(",", ":")) + "\n")
    print(f"wrote {len(objects)} saved objects to {out}")


if __name__ == "__main__":
    main()
