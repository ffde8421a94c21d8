package io.caspian.events.json;

import io.caspian.events.AlertRule;
import io.caspian.events.AlertRuleUpdate;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * An alert rule from the compacted rules topic, keyed by rule id:
 * <pre>{"id":"low-success","metric":"success_rate_pct","comparator":"<","threshold":90,"window":"1m",
 *  "scope":"overall","severity":"high","enabled":true}</pre>
 * A null payload (tombstone) or {@code "enabled": false} removes the rule named by the key.
 */
public final class AlertRuleJson {

    public static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=", "==", "!=");
    public static final Set<String> SEVERITIES = Set.of("info", "low", "medium", "high", "critical");

    private AlertRuleJson() {}

    /**
     * @param metrics the analytics figure names a rule may watch
     * @param windows the configured window labels
     */
    public static AlertRuleUpdate parse(String key, String payload, Collection<String> metrics, Collection<String> windows)
            throws InvalidRecordException {
        if (payload == null) {
            if (key == null || key.isBlank()) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "a tombstone needs the rule id as its key");
            }
            return new AlertRuleUpdate(key.trim(), null);
        }
        FieldReader fields = new FieldReader(Json.parseObject(payload));
        String id = fields.has("id") ? fields.string("id") : key == null ? fields.string("id") : key.trim();
        if (key != null && !key.isBlank() && !key.trim().equals(id)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'id' is \"" + id + "\" but the record key is \"" + key.trim() + "\"");
        }
        String metric = fields.string("metric");
        if (!metrics.contains(metric)) {
            throw invalid("metric", metric, metrics);
        }
        String comparator = fields.string("comparator");
        if (!COMPARATORS.contains(comparator)) {
            throw invalid("comparator", comparator, COMPARATORS);
        }
        double threshold = fields.number("threshold");
        String window = fields.optionalString("window", null);
        if (window != null && !windows.contains(window)) {
            throw invalid("window", window, windows);
        }
        String severity = fields.optionalString("severity", "medium").toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity)) {
            throw invalid("severity", severity, SEVERITIES);
        }
        AlertRule rule = new AlertRule(id, metric, comparator, threshold, window, fields.optionalString("scope", null),
                severity, fields.optionalBoolean("enabled", true));
        return new AlertRuleUpdate(id, rule);
    }

    private static InvalidRecordException invalid(String field, String value, Collection<String> allowed) {
        return new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                "field '" + field + "' must be one of " + new java.util.TreeSet<>(allowed) + ", got \"" + value + "\"");
    }

    public static String write(AlertRule rule) {
        var node = Json.object();
        node.put("id", rule.id());
        node.put("metric", rule.metric());
        node.put("comparator", rule.comparator());
        node.put("threshold", rule.threshold());
        node.put("window", rule.window());
        node.put("scope", rule.scope());
        node.put("severity", rule.severity());
        node.put("enabled", rule.enabled());
        return Json.write(node);
    }
}
