package io.caspian.events;

/**
 * A cluster was created, deleted, scaled or changed status.
 *
 * @param action {@code cluster_created}, {@code cluster_deleted}, {@code cluster_scaled} or
 *     {@code status_changed}
 * @param previousTotal capacity before the change; null for a new cluster
 */
public record ClusterReconfiguration(
        String action,
        String geolocation,
        Resources total,
        Resources previousTotal,
        String status,
        String previousStatus,
        String trigger) {}
