package io.caspian.events;

/**
 * What one workload emitted, and its baseline, in the interval closed by one placement round, in one
 * scope.
 *
 * @param emittedCo2G carbon of the run in the interval plus any migration cost paid in this round
 * @param migrationCostG migration cost paid in this round (part of {@code emittedCo2G})
 * @param energyKwh energy the run drew in the interval
 * @param workloadRounds how many workloads' rounds the sample sums (one per workload and round)
 */
public record CarbonSample(
        String scope, double emittedCo2G, double baselineCo2G, double migrationCostG, double energyKwh,
        long workloadRounds) {}
