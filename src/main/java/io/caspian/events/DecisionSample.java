package io.caspian.events;

/**
 * One scheduling decision as the analytics count it, in one scope.
 *
 * @param successful a cluster was selected (see docs/analytics.md)
 * @param eventId the decision's audit event, to name it if it comes too late for a window
 */
public record DecisionSample(String scope, boolean successful, long executionTimeMs, String eventId, long timestampMillis) {}
