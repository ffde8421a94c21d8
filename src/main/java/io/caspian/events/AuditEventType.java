package io.caspian.events;

import java.util.Locale;

/** The audit vocabulary: the logger seed's four event types, plus carbon-data availability and policy changes. */
public enum AuditEventType {
    SCHEDULING_DECISION,
    WORKLOAD_RELOCATION,
    CLUSTER_RECONFIGURATION,
    INEFFICIENCY_DETECTED,
    /** A zone's carbon data went stale (its clusters are left out) or came back. */
    CARBON_DATA_STATUS,
    /** A policy version took effect (the logger seed's policy-change history). */
    POLICY_CHANGE;

    /** The name on the wire, e.g. {@code scheduling_decision}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditEventType fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
