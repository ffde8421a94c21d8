package io.caspian.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One audit record. Exactly one of the payloads is set, matching {@code eventType}.
 *
 * @param eventId stable for the same fact, so that a replay overwrites instead of duplicating
 * @param origin {@code caspian} for events this job derived, or the module that published it
 */
public record AuditEvent(
        String eventId,
        AuditEventType eventType,
        long timestampMillis,
        String workloadId,
        String cluster,
        String origin,
        SchedulingDecision decision,
        WorkloadRelocation relocation,
        ClusterReconfiguration reconfiguration,
        InefficiencyDetected inefficiency,
        CarbonDataStatus carbonStatus,
        PolicyChange policyChange) {

    public static final String ORIGIN = "caspian";

    /** A name-based UUID of the fact's identifying parts. */
    public static String stableId(AuditEventType type, Object... parts) {
        StringBuilder key = new StringBuilder(type.wireName());
        for (Object part : parts) {
            key.append('|').append(part);
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static AuditEvent decision(String workloadId, String cluster, long atMillis, SchedulingDecision decision) {
        String id = stableId(AuditEventType.SCHEDULING_DECISION, workloadId, decision.roundMillis());
        return new AuditEvent(id, AuditEventType.SCHEDULING_DECISION, atMillis, workloadId, cluster, ORIGIN, decision,
                null, null, null, null, null);
    }

    public static AuditEvent relocation(String workloadId, long atMillis, WorkloadRelocation relocation) {
        String id = stableId(AuditEventType.WORKLOAD_RELOCATION, workloadId, atMillis, relocation.fromCluster(),
                relocation.toCluster());
        return new AuditEvent(id, AuditEventType.WORKLOAD_RELOCATION, atMillis, workloadId, relocation.toCluster(),
                ORIGIN, null, relocation, null, null, null, null);
    }

    public static AuditEvent reconfiguration(String cluster, long atMillis, ClusterReconfiguration change) {
        String id = stableId(AuditEventType.CLUSTER_RECONFIGURATION, cluster, atMillis, change.action());
        return new AuditEvent(id, AuditEventType.CLUSTER_RECONFIGURATION, atMillis, null, cluster, ORIGIN, null, null,
                change, null, null, null);
    }

    public static AuditEvent inefficiency(String cluster, long atMillis, InefficiencyDetected finding) {
        String id = stableId(AuditEventType.INEFFICIENCY_DETECTED, cluster, atMillis, finding.type(), finding.state());
        return new AuditEvent(id, AuditEventType.INEFFICIENCY_DETECTED, atMillis, null, cluster, ORIGIN, null, null,
                null, finding, null, null);
    }

    public static AuditEvent carbonStatus(long atMillis, CarbonDataStatus status) {
        String id = stableId(AuditEventType.CARBON_DATA_STATUS, status.zone(), atMillis, status.status());
        return new AuditEvent(id, AuditEventType.CARBON_DATA_STATUS, atMillis, null, null, ORIGIN, null, null, null,
                null, status, null);
    }

    /**
     * A policy version took effect in a round. One per version and scope, named by both, so a replay
     * overwrites it.
     *
     */
    public static AuditEvent policyChange(long atMillis, PolicyChange change) {
        String id = stableId(AuditEventType.POLICY_CHANGE, change.version(), change.scope());
        return new AuditEvent(id, AuditEventType.POLICY_CHANGE, atMillis, null, null, ORIGIN, null, null, null, null, null,
                change);
    }
}
