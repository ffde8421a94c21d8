package io.caspian.events;

/**
 * A rule fired or resolved. One alert episode is one rule on one scope and window: it fires when the
 * figure first breaches the threshold and resolves when it no longer does (or the rule is removed);
 * both records carry the same {@code alertId}.
 *
 * @param state {@link #FIRED} or {@link #RESOLVED}
 * @param value the figure that fired or resolved it; null when the rule was removed
 * @param timestampMillis the end of the analytics window that decided it
 */
public record Alert(
        String alertId, String ruleId, String state, String metric, Double value, double threshold, String comparator,
        String severity, String scope, String window, long timestampMillis) {

    public static final String FIRED = "fired";
    public static final String RESOLVED = "resolved";
}
