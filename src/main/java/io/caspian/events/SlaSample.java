package io.caspian.events;

/**
 * One workload that left the plan for good (completed or expired), as the SLA figures count it.
 *
 * @param latenessMinutes minutes past its deadline, 0 when it met it
 * @param completionToDeadlineRatio (end − submission) / (deadline − submission) for a completed
 *     workload; null for an expired one, which never completed
 */
public record SlaSample(String scope, boolean deadlineMet, double latenessMinutes, Double completionToDeadlineRatio) {}
