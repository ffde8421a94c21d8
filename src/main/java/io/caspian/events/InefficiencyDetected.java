package io.caspian.events;

/**
 * An idle or under-used cluster: one event when the episode starts and one when it ends.
 *
 * @param state {@code detected} or {@code resolved}
 * @param wastedCostEstimate in the configured currency, null when no price is configured
 */
public record InefficiencyDetected(
        String type,
        String state,
        double utilizationPct,
        double durationHours,
        double wastedEnergyKwh,
        double wastedCo2G,
        Double wastedCostEstimate,
        String severity,
        String recommendedAction,
        boolean autoActionTaken) {}
