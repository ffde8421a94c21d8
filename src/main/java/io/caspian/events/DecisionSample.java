package io.caspian.events;

/**
 * One scheduling decision as the analytics count it, in one scope.
 *
 * @param successful a cluster was selected (see docs/analytics.md)
 */
public record DecisionSample(String scope, boolean successful, long executionTimeMs) {}
