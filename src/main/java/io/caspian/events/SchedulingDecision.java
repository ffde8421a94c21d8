package io.caspian.events;

import java.util.List;

/**
 * Why a workload was placed where and when it was in one round.
 *
 * @param outcome {@code dispatched}, {@code held} (waiting for a greener slot), {@code pending}
 *     (nothing can take it now), {@code deadline_at_risk} (started late), {@code migrated}
 * @param forecastKind what the round planned with: {@code forecast} (every zone's feed sent one and it
 *     was used as sent), {@code learned} (every zone's forecast learnt from its own week),
 *     {@code combined} (every zone's feed forecast combined with the learnt one), {@code persistence}
 *     (the last value carried over the horizon), or {@code mixed} (zones planned in different ways)
 * @param policyVersion the policy version it was made under (0: caspian.yaml); null in a decision
 *     another module published without one
 */
public record SchedulingDecision(
        String scheduler,
        WorkloadSpec requirements,
        String selectedCluster,
        String outcome,
        String reason,
        Long plannedStartMillis,
        boolean gateOpen,
        double estimatedCo2G,
        double baselineCo2G,
        double estimatedPowerWatts,
        double energyKwh,
        List<Alternative> alternatives,
        long executionTimeMs,
        String solver,
        String solverStatus,
        double optimalityGap,
        long roundMillis,
        String forecastKind,
        Long policyVersion) {}
