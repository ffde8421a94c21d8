package io.caspian.sources;

import io.caspian.events.AlertRule;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.json.AlertRuleJson;
import java.util.List;

/** The demo's alert rules, as records of the compacted rules topic would carry them. */
public final class DemoAlertRules {

    public static final String SOURCE = "demo-alert-rules";

    /** Fires while a minute's decisions include any that found no cluster. */
    public static final AlertRule LOW_SUCCESS = new AlertRule("low-decision-success", "success_rate_pct", "<", 100.0, "1m",
            "overall", "medium", true);
    /** Fires when an hour's workloads emitted more than their baseline (the placement lost carbon). */
    public static final AlertRule NEGATIVE_SAVING = new AlertRule("negative-net-saving", "net_saved_co2_g", "<", 0.0, "1h",
            null, "high", true);

    private DemoAlertRules() {}

    public static List<KeyedRawRecord> records() {
        return List.of(record(LOW_SUCCESS, 0), record(NEGATIVE_SAVING, 1));
    }

    private static KeyedRawRecord record(AlertRule rule, long offset) {
        return new KeyedRawRecord(SOURCE, 0, offset, 0L, rule.id(), AlertRuleJson.write(rule));
    }
}
