"""Loading code shared by the CASPIAN analysis notebooks.

A notebook reads the event streams of one run, either from the JSON-lines files a demo or replay run
writes (folder in ``CASPIAN_EVENTS_DIR``, default ``../out/demo`` relative to the notebook) or, when
``CASPIAN_ES_URL`` is set, from the Elasticsearch indices the streaming job writes. A stream the run
did not produce is ``None`` (said so in a printed note), never an empty table read as zero. Every
figure is saved on any run: one the run has no data for says "no ... in this run" (``save_none``).
Figures go to ``CASPIAN_FIGURES_DIR`` (default ``figures/`` beside the notebook) under the stable
names of ``figures.json``.
"""

import json
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import requests

EVENTS_DIR_ENV = "CASPIAN_EVENTS_DIR"
ES_URL_ENV = "CASPIAN_ES_URL"
FIGURES_DIR_ENV = "CASPIAN_FIGURES_DIR"
DEFAULT_EVENTS_DIR = "../out/demo"
DEFAULT_FIGURES_DIR = "figures"

# Streams the job writes (files `<stream>.jsonl`), and the index pattern each lands in on Elasticsearch.
INDEX_PATTERNS = {
    "placements": "caspian-placements-*",
    "audit-events": "caspian-audit-events-*",
    "analytics": "caspian-analytics-*",
    "alerts": "caspian-alerts-*",
    "dead-letter": "caspian-dead-letter-*",
    "carbon": "caspian-carbon-intensity-*",
    "round-summaries": "caspian-round-summaries-*",
}
# The back-test's report; the first of these names found in the events folder is read.
REPORT_FILES = ("report.json", "replay-report.json")
TERMINAL_PHASES = ("completed", "cancelled", "failed", "expired")
ES_PAGE_SIZE = 1000
ES_TIMEOUT_SECONDS = 30
# Fields holding ISO-8601 instants, wherever they sit in a record (the last part of a dotted name).
TIME_FIELDS = {"timestamp", "round_time", "planned_start", "scheduled_at", "migration_time", "deadline",
               "ended_at", "submitted_at", "window_start", "window_end", "start", "last_reading", "effective_round"}
# The job writes instants with and without milliseconds; pandas 2 must be told to accept both in one
# column (it would otherwise fix the format from the first value), pandas 1 does so by itself.
_ISO_INSTANTS = {"format": "ISO8601"} if int(pd.__version__.split(".")[0]) >= 2 else {}
# Energy below this is rounded too coarsely (3 decimals) for an intensity to be derived from it.
MIN_ENERGY_FOR_INTENSITY_KWH = 0.1


def note(text):
    """A markdown-like note in the notebook's output, for what a run did not provide."""
    print(f"> **Note:** {text}")


def es_url():
    url = os.environ.get(ES_URL_ENV, "").strip()
    return url.rstrip("/") or None


def events_dir():
    return Path(os.environ.get(EVENTS_DIR_ENV) or DEFAULT_EVENTS_DIR)


def figures_dir():
    folder = Path(os.environ.get(FIGURES_DIR_ENV) or DEFAULT_FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def describe_source():
    if es_url():
        return f"Elasticsearch at {es_url()}"
    return f"event files in {events_dir().resolve()}"


def load(stream, when_missing=None):
    """The records of one stream as a list of dicts, or None when the run did not produce it (said in a
    note: ``when_missing`` says what the notebook does instead, by default that its figures say there is none)."""
    consequence = when_missing or f"figures that need `{stream}` say that there is none in this run."
    if es_url():
        pattern = INDEX_PATTERNS[stream]
        records = _search_all(es_url(), pattern)
        if records is None:
            note(f"no index matches `{pattern}`; {consequence}")
        return records
    path = events_dir() / f"{stream}.jsonl"
    if not path.exists():
        note(f"this run wrote no `{path.name}`; {consequence}")
        return None
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def frame(stream, when_missing=None):
    """The stream as a flat table (nested fields joined with dots), or None when it is absent."""
    records = load(stream, when_missing)
    if records is None:
        return None
    table = pd.json_normalize(records, sep=".") if records else pd.DataFrame()
    for column in table.columns:
        if column.split(".")[-1] in TIME_FIELDS:
            table[column] = pd.to_datetime(table[column], utc=True, **_ISO_INSTANTS)
    return table



def report():
    """The back-test report (a dict), or None when the run wrote none (a demo, or Elasticsearch)."""
    if es_url():
        note("a back-test report is a file of a replay run, not an index; the optimum is left out.")
        return None
    # a back-test writes report.json beside its runs' event folders (out/replay/report.json and
    # out/replay/carbon-aware/*.jsonl), so the folder above the events is looked at too
    for folder in (events_dir(), events_dir().parent):
        for name in REPORT_FILES:
            path = folder / name
            if path.exists():
                return json.loads(path.read_text(encoding="utf-8"))
    note(f"this run wrote no report ({' or '.join(REPORT_FILES)}): only a replay run compares with "
         "the perfect-foresight optimum.")
    return None


def has_rows(table, what):
    """True when the table has rows; otherwise notes that the run produced none."""
    if table is None:
        return False
    if table.empty:
        note(f"the run produced no {what}.")
        return False
    return True


def save(fig, name):
    """Saves a figure under its stable name (see figures.json) and returns the path. The PNG carries,
    in its Description text, what makes it legible (titles, axis labels, series, legends), so that a
    test can check every figure without looking at pixels."""
    path = figures_dir() / name
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={LEGIBILITY_KEY: json.dumps(legibility(fig), ensure_ascii=True)})
    print(f"figure saved: {path}")
    return path


LEGIBILITY_KEY = "Description"
# The gid of the text a figure carries when the run had nothing for it ("none in this run").
NONE_IN_THIS_RUN = "none-in-this-run"


def save_none(name, title, xlabel, ylabel, what, why=None):
    """Saves the figure `name` for a run that had nothing to draw in it: the same title and labelled axes
    as the real figure, and in the middle "no <what> in this run" (and why, when known). Every figure of a
    notebook is thus saved on any run, and an empty one says so instead of being missing."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    text = f"no {what} in this run" + (f"\n({why})" if why else "")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=13, color="dimgray", transform=ax.transAxes,
            gid=NONE_IN_THIS_RUN)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel, xticks=[], yticks=[])
    note(f"no {what} in this run; `{name}` says so.")
    path = save(fig, name)
    plt.close(fig)
    return path


def legibility(fig):
    """The figure's titles, axis labels, labelled series and legends, per plot; colour bars as labels."""
    plots = []
    colour_bars = []
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            colour_bars.append(ax.get_ylabel() or ax.get_xlabel())
            continue
        series = ax.get_legend_handles_labels()[1]
        plots.append({"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
                      "series": len(series), "legend": ax.get_legend() is not None})
    suptitle = getattr(fig, "_suptitle", None)
    suptitle = suptitle.get_text() if suptitle is not None else ""
    nothing = [text.get_text() for ax in fig.axes for text in ax.texts if text.get_gid() == NONE_IN_THIS_RUN]
    return {"suptitle": suptitle, "plots": plots, "colour_bars": colour_bars, "none_in_this_run": nothing}


def events_of(audit, event_type):
    """The audit events of one type (an empty table when there are none)."""
    if audit is None or audit.empty:
        return pd.DataFrame()
    return audit[audit["event_type"] == event_type].dropna(axis=1, how="all")


# The columns of a migration table, whatever the run wrote (a missing field is NaN, never a KeyError).
# migration_time_seconds and downtime_seconds are as measured (the dispatcher's follow-up of a move),
# NaN while unknown (dispatch off, replay, a move not carried out yet), never read as 0.
MIGRATION_COLUMNS = {
    "timestamp": "timestamp", "workload_id": "workload_id", "origin": "origin",
    "migration.from_cluster": "from_cluster", "migration.to_cluster": "to_cluster",
    "migration.data_gb": "data_gb", "migration.migration_cost_gco2": "cost_gco2",
    "migration.carbon_saving_g": "estimated_saving_g", "migration.net_saving_g": "estimated_net_g",
    "status": "status", "migration_time_seconds": "migration_time_seconds", "downtime_seconds": "downtime_seconds",
}


def migrations(audit):
    """The run's `workload_relocation` events as a table with every column of MIGRATION_COLUMNS, split
    into (CASPIAN's own moves, relocations other modules reported). CASPIAN's own (origin `caspian`)
    carry cost, saving and data; another module's event (e.g. origin `kcloud-logger`) need not, so it
    is listed but left out of the figures. Both tables are empty (with the columns) when there are none.
    A move the dispatcher carried out has a follow-up under the same event_id (status completed or failed,
    with the measured seconds): one row per move, the latest word on it."""
    relocations = events_of(audit, "workload_relocation")
    if "event_id" in relocations:
        relocations = relocations.drop_duplicates("event_id", keep="last")
    table = relocations.reindex(columns=list(MIGRATION_COLUMNS)).rename(columns=MIGRATION_COLUMNS)
    for column in ("data_gb", "cost_gco2", "estimated_saving_g", "estimated_net_g", "migration_time_seconds",
                   "downtime_seconds"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    table = table.sort_values("timestamp").reset_index(drop=True)
    own = (table["origin"] == "caspian") | (table["origin"].isna() & table["cost_gco2"].notna())
    return table[own].reset_index(drop=True), table[~own].reset_index(drop=True)


def terminal_placements(placements):
    """One row per workload that ended: its last placement, which carries its final carbon."""
    ended = placements[placements["phase"].isin(TERMINAL_PHASES)]
    # whole rows: groupby().last() would mix in earlier non-null values of fields now null
    return ended.sort_values("round_time").drop_duplicates("job_id", keep="last").reset_index(drop=True)


def cluster_rounds(summaries):
    """One row per round and cluster (round_time, domain, cluster, zone, workloads, power_watts, planned and
    accounted carbon), from the round summaries; empty when the run wrote none."""
    if summaries is None or summaries.empty or "clusters" not in summaries:
        return pd.DataFrame()
    rows = []
    for _, summary in summaries.iterrows():
        for cluster in summary["clusters"] if isinstance(summary["clusters"], list) else []:
            rows.append({"round_time": summary["round_time"], "domain": summary["domain"], **cluster})
    return pd.DataFrame(rows)


def policy_changes(audit):
    """The run's `policy_change` events as (effective_round, version, scope, label) in time order, the label
    naming each changed key with its old and new value; empty when the policy never changed."""
    changes = events_of(audit, "policy_change")
    if changes.empty or "policy.effective_round" not in changes:
        return pd.DataFrame(columns=["effective_round", "version", "scope", "label"])
    rows = []
    for _, change in changes.sort_values("policy.effective_round").iterrows():
        keys = change.get("policy.changes")
        keys = keys if isinstance(keys, list) else []
        label = "; ".join(f"{k['key']}: {k['old_value']} -> {k['new_value']}" for k in keys) or "no value changed"
        rows.append({"effective_round": change["policy.effective_round"], "version": int(change["policy.version"]),
                     "scope": change["policy.scope"], "label": label})
    return pd.DataFrame(rows)


def round_times(summaries):
    """Every round's time, in order, from the round summaries (placements are only written on change)."""
    if summaries is None or summaries.empty:
        return pd.Series([], dtype="datetime64[ns, UTC]")
    return pd.Series(sorted(summaries["round_time"].unique()))


def cluster_zones(placements):
    """Cluster name to grid zone, as the placements report them."""
    known = placements.dropna(subset=["target_cluster", "zone"])
    return known.groupby("target_cluster")["zone"].last().to_dict()


def zone_intensity(carbon, audit, placements):
    """Intensity per zone over time (columns zone, time, gco2_per_kwh) and a phrase saying where it
    comes from: the input readings when the run wrote them, else derived from the decisions (each
    alternative that starts at once: its carbon over the workload's energy, i.e. the intensity the
    optimizer used, averaged over the workload's run when a forecast was applied). None when neither
    is available."""
    if carbon is not None and not carbon.empty:
        table = carbon.rename(columns={"timestamp": "time", "carbon_intensity_gco2_per_kwh": "gco2_per_kwh"})
        return table[["zone", "time", "gco2_per_kwh"]].sort_values("time"), "input readings"
    decisions = events_of(audit, "scheduling_decision")
    if decisions.empty or placements is None:
        return None, None
    energy = "decision.cost_calculation.energy_kwh"
    rows = []
    zones = cluster_zones(placements)
    for _, decision in decisions.iterrows():
        kwh = decision.get(energy)
        alternatives = decision.get("decision.cost_calculation.alternatives")
        if not isinstance(alternatives, list) or pd.isna(kwh) or kwh <= 0:
            continue
        for alternative in alternatives:
            starts_now = pd.to_datetime(alternative.get("start"), utc=True) == decision["round_time"]
            carbon_g = alternative.get("carbon_g")
            if starts_now and carbon_g is not None and alternative.get("cluster") in zones:
                rows.append({"zone": zones[alternative["cluster"]], "time": decision["round_time"],
                             "gco2_per_kwh": carbon_g / kwh, "energy_kwh": kwh})
    if not rows:
        return None, None
    table = pd.DataFrame(rows)
    precise = table[table["energy_kwh"] >= MIN_ENERGY_FOR_INTENSITY_KWH]
    table = precise if not precise.empty else table
    table = table.groupby(["zone", "time"], as_index=False)["gco2_per_kwh"].median()
    return table.sort_values("time"), "derived from the decisions' estimates"


def _search_all(url, pattern):
    """Every document of the indices matching the pattern (scrolling), or None when none match."""
    listed = requests.get(f"{url}/_cat/indices/{pattern}", params={"format": "json", "h": "index"},
                          timeout=ES_TIMEOUT_SECONDS)
    if listed.status_code == 404 or (listed.ok and not listed.json()):
        return None
    listed.raise_for_status()
    response = requests.post(f"{url}/{pattern}/_search", params={"scroll": "2m"},
                             json={"size": ES_PAGE_SIZE, "sort": ["_doc"], "query": {"match_all": {}}},
                             timeout=ES_TIMEOUT_SECONDS)
    response.raise_for_status()
    body = response.json()
    scroll_id = body.get("_scroll_id")
    documents = []
    try:
        while body["hits"]["hits"]:
            documents.extend(hit["_source"] for hit in body["hits"]["hits"])
            response = requests.post(f"{url}/_search/scroll", json={"scroll": "2m", "scroll_id": scroll_id},
                                     timeout=ES_TIMEOUT_SECONDS)
            response.raise_for_status()
            body = response.json()
            scroll_id = body.get("_scroll_id", scroll_id)
    finally:
        if scroll_id:
            requests.delete(f"{url}/_search/scroll", json={"scroll_id": scroll_id}, timeout=ES_TIMEOUT_SECONDS)
    return documents


# How a back-test report may name its policies; the first name found in the report is used.
_POLICY_NAMES = {
    "baseline": ("baseline",),
    # before perfect foresight, whose names include "optimum": the offline optimum is another yardstick
    "offline optimum": ("offline_optimum", "offline-optimum"),
    "carbon-aware": ("carbon_aware", "carbon-aware", "carbonaware", "policy", "caspian"),
    "perfect foresight": ("perfect_foresight", "perfect-foresight", "foresight", "optimum", "optimal", "oracle"),
}


def report_policy_totals(report):
    """Total gCO2 per policy in a back-test report, as {policy: gCO2}; a policy the report does not
    state is left out. A policy is read from an object under a key naming it (its total, emitted or
    carbon figure in gCO2), or from a number whose key names the policy and carbon."""
    totals = {}
    pending = [report] if isinstance(report, dict) else []
    while pending and len(totals) < len(_POLICY_NAMES):
        node = pending.pop(0)
        for key, value in node.items():
            policy = _policy_named(key)
            if policy and policy not in totals:
                total = _total_co2(value) if isinstance(value, dict) else _co2_number(key, value)
                if total is not None:
                    totals[policy] = total
            if isinstance(value, dict):
                pending.append(value)
    return totals


def _policy_named(key):
    lowered = key.lower()
    for policy, names in _POLICY_NAMES.items():
        if any(name in lowered for name in names):
            return policy
    return None


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _co2_number(key, value):
    lowered = key.lower()
    carbon = "co2" in lowered or "carbon" in lowered
    derived = any(word in lowered for word in ("sav", "pct", "percent", "ratio", "per_"))
    return value if _is_number(value) and carbon and not derived else None


def _total_co2(node):
    candidates = [(key.lower(), value) for key, value in node.items() if _co2_number(key, value) is not None]
    for key, value in candidates:
        if "total" in key or "emitted" in key:
            return value
    return candidates[0][1] if candidates else None


def analytics_series(analytics, figures):
    """The overall-scope records of the metric group carrying the figures, in its longest window (fewest
    points, most readable), as (window label, table sorted by window start); None when no record has
    them. A window where a figure is undefined stays in the table as NaN, so a line shows a gap there
    rather than bridging it."""
    if not set(figures) <= set(analytics.columns) or "metric_group" not in analytics:
        return None
    overall = analytics[analytics["scope"] == "overall"]
    carrying = overall.dropna(subset=figures)
    if carrying.empty:
        return None
    group = overall[overall["metric_group"] == carrying["metric_group"].mode().iloc[0]]
    lengths = (carrying["window_end"] - carrying["window_start"]).groupby(carrying["window"]).max()
    window = lengths.idxmax()
    return window, group[group["window"] == window].sort_values("window_start")


FORECAST_SOURCES = ("feed", "learned")
FORECAST_LEADS = (1, 3, 6, 12, 24, 48)


def forecast_errors(analytics):
    """The forecast-error records (metric group forecast_error, docs/analytics.md) pooled over the run:
    one row per zone, source and lead band with the hours scored and their hour-weighted MAPE and bias.
    Only the longest window's records are used, since every window counts the same hours. Empty when
    the run scored no forecast (the job learns none with carbon.learned-forecast off)."""
    columns = ["zone", "source", "lead_hours", "hours", "mape_pct", "bias_gco2_per_kwh"]
    if analytics is None or analytics.empty or "metric_group" not in analytics:
        return pd.DataFrame(columns=columns)
    records = analytics[analytics["metric_group"] == "forecast_error"]
    if records.empty:
        return pd.DataFrame(columns=columns)
    lengths = (records["window_end"] - records["window_start"]).groupby(records["window"]).max()
    records = records[records["window"] == lengths.idxmax()]
    rows = []
    for zone, of_zone in records.groupby("scope"):
        for source in FORECAST_SOURCES:
            for lead in FORECAST_LEADS:
                hours_col = f"{source}_hours_{lead}h"
                if hours_col not in of_zone:
                    continue
                hours = of_zone[hours_col].fillna(0)
                total = hours.sum()
                if total <= 0:
                    continue
                mape = (of_zone[f"{source}_mape_pct_{lead}h"].fillna(0) * hours).sum() / total
                bias = (of_zone[f"{source}_bias_gco2_per_kwh_{lead}h"].fillna(0) * hours).sum() / total
                rows.append([zone, source, lead, total, mape, bias])
    return pd.DataFrame(rows, columns=columns)

