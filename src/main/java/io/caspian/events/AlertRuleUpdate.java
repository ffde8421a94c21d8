package io.caspian.events;

/**
 * A change to the rule set: {@code rule} is the new version, or null when the rule is removed (a
 * tombstone, or {@code enabled: false}).
 */
public record AlertRuleUpdate(String ruleId, AlertRule rule) {

    public boolean removal() {
        return rule == null || !rule.enabled();
    }
}
