package io.caspian.audit;

import io.caspian.config.CaspianConfig;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.InefficiencyDetected;
import java.io.Serializable;

/**
 * When a cluster is under-used and what its under-use wastes (definitions in docs/analytics.md).
 * Plain Java, so the episode logic is tested without Flink.
 */
public final class InefficiencyRules implements Serializable {

    public static final String IDLE = "idle_cluster";
    public static final String UNDERUTILIZED = "underutilized_cluster";
    public static final String SHUTDOWN = "cluster_shutdown";
    public static final String CONSOLIDATION = "cluster_consolidation";
    public static final String DETECTED = "detected";
    public static final String RESOLVED = "resolved";

    private final double thresholdPct;
    private final long minDurationMillis;
    private final double idleWattsPerCore;
    private final double pue;
    private final double idleBelowPct;
    private final Double pricePerKwh;

    public InefficiencyRules(double thresholdPct, long minDurationMillis, double idleWattsPerCore, double pue,
            double idleBelowPct, Double pricePerKwh) {
        this.thresholdPct = thresholdPct;
        this.minDurationMillis = minDurationMillis;
        this.idleWattsPerCore = idleWattsPerCore;
        this.pue = pue;
        this.idleBelowPct = idleBelowPct;
        this.pricePerKwh = pricePerKwh;
    }

    public static InefficiencyRules of(CaspianConfig config) {
        CaspianConfig.Audit audit = config.audit();
        return new InefficiencyRules(audit.utilizationThresholdPct(), audit.inefficiencyMinDuration().toMillis(),
                audit.idleWattsPerCore(), config.energy().pue(), audit.idleBelowPct(), audit.pricePerKwh());
    }

    public long minDurationMillis() {
        return minDurationMillis;
    }

    /** Only a ready cluster can be under-used: one that takes no work is not idle capacity. */
    public boolean underUsed(Cluster cluster) {
        return cluster.status() == ClusterStatus.READY && utilizationPct(cluster) < thresholdPct;
    }

    /** CPU in use as a percentage of the total, from what the cluster reports as available. */
    public static double utilizationPct(Cluster cluster) {
        double total = cluster.total().cpu();
        return total <= 0 ? 0 : Math.max(0, Math.min(100, 100.0 * (total - cluster.available().cpu()) / total));
    }

    public InefficiencyEpisode start(Cluster cluster) {
        InefficiencyEpisode episode = new InefficiencyEpisode();
        episode.startMillis = cluster.timestampMillis();
        episode.lastMillis = cluster.timestampMillis();
        episode.zone = cluster.geolocation();
        observe(episode, cluster);
        return episode;
    }

    /** Takes the cluster's latest state as the level from now on. */
    public static void observe(InefficiencyEpisode episode, Cluster cluster) {
        episode.lastUtilizationPct = utilizationPct(cluster);
        episode.lastUnusedCores = Math.max(0, cluster.available().cpu());
        episode.zone = cluster.geolocation();
    }

    /**
     * Integrates the last level up to {@code toMillis}. Carbon is priced with the zone's readings in
     * force over the span; time without a fresh reading is counted as unpriced, never as zero carbon.
     *
     * @param carbon the zone's readings, null when none were seen
     */
    public void advance(InefficiencyEpisode episode, long toMillis, ZoneReadings carbon, long carbonMaxAgeMillis) {
        if (toMillis <= episode.lastMillis) {
            return;
        }
        long span = toMillis - episode.lastMillis;
        double kw = episode.lastUnusedCores * idleWattsPerCore * pue / 1000.0;
        episode.utilizationPctMillis += episode.lastUtilizationPct * span;
        episode.wastedKwh += kw * span / 3_600_000.0;
        ZoneReadings.Coverage coverage = carbon == null ? new ZoneReadings.Coverage(0, 0)
                : carbon.integrate(episode.lastMillis, toMillis, carbonMaxAgeMillis);
        episode.wastedCo2G += kw * coverage.intensityHours();
        episode.unpricedMillis += span - coverage.coveredMillis();
        episode.lastMillis = toMillis;
    }

    public boolean due(InefficiencyEpisode episode) {
        return !episode.raised && episode.lastMillis - episode.startMillis >= minDurationMillis;
    }

    /** The event describing the episode so far, in the given state. */
    public InefficiencyDetected finding(InefficiencyEpisode episode, String state) {
        double meanPct = episode.meanUtilizationPct();
        boolean idle = meanPct < idleBelowPct;
        return new InefficiencyDetected(idle ? IDLE : UNDERUTILIZED, state, meanPct, episode.durationHours(),
                episode.wastedKwh, pricedNothing(episode) ? null : episode.wastedCo2G,
                pricePerKwh == null ? null : episode.wastedKwh * pricePerKwh, idle ? "high" : "medium",
                idle ? SHUTDOWN : CONSOLIDATION, false, episode.unpricedMillis / 3_600_000.0);
    }

    /** No part of an episode that lasted had a carbon intensity: its carbon is unknown, not zero. */
    private static boolean pricedNothing(InefficiencyEpisode episode) {
        long span = episode.lastMillis - episode.startMillis;
        return span > 0 && episode.unpricedMillis >= span;
    }
}
