package io.caspian.events;

/**
 * An idle or under-used cluster: one event when the episode starts and one when it ends.
 *
 * @param state {@code detected} or {@code resolved}
 * @param wastedCo2G carbon of the wasted energy over the part of the episode with a fresh carbon
 *     intensity; null when no part had one (never read as zero)
 * @param wastedCostEstimate in the configured currency, null when no price is configured
 * @param unpricedHours hours of the episode without a fresh carbon intensity, left out of {@code wastedCo2G}
 */
public record InefficiencyDetected(
        String type,
        String state,
        double utilizationPct,
        double durationHours,
        double wastedEnergyKwh,
        Double wastedCo2G,
        Double wastedCostEstimate,
        String severity,
        String recommendedAction,
        boolean autoActionTaken,
        double unpricedHours) {}
