package io.caspian.events;

import java.util.List;

/**
 * Why a workload was placed where and when it was in one round.
 *
 * @param outcome {@code dispatched}, {@code held} (waiting for a greener slot), {@code pending}
 *     (nothing can take it now), {@code deadline_at_risk} (started late), {@code migrated}
 * @param forecastKind {@code forecast} when the zones sent forecasts, {@code persistence} when the
 *     last value was carried over the horizon, or {@code mixed}
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
