package io.caspian.events;

import java.util.List;

/**
 * A policy version took effect: which keys it changed at its scope, from what to what. Values are JSON
 * text (a number, a string, a list or a mapping as written in {@code caspian.yaml}).
 *
 * @param scope {@code global} or {@code domain:<name>}
 * @param previousVersion the version in force at that scope before (0: caspian.yaml)
 * @param changes every key whose value in force at the scope changed, in key order
 * @param effectiveRoundMillis the first round planned under it
 */
public record PolicyChange(long version, String scope, long previousVersion, List<Change> changes, String source,
        String reason, long effectiveRoundMillis) {

    /** One key: its value in force before and after, as JSON text. */
    public record Change(String key, String oldValue, String newValue) {}
}
