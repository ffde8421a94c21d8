package io.caspian.events;

/**
 * A zone's carbon data went stale or came back.
 *
 * @param status {@code stale} (clusters in the zone are left out of placement) or {@code restored}
 */
public record CarbonDataStatus(String zone, String status, long lastReadingMillis, double ageMinutes) {}
