package io.caspian.audit;

/**
 * One under-use episode of a cluster, as kept in keyed state: when it began, the last reported state,
 * and what has been wasted so far. Usage and waste are integrated piecewise-constant between updates.
 */
public class InefficiencyEpisode {
    public long startMillis;
    public long lastMillis;
    /** CPU utilization at the last update, %. */
    public double lastUtilizationPct;
    public double lastUnusedCores;
    public String zone;
    /** ∫ utilization dt over the episode, in % × milliseconds. */
    public double utilizationPctMillis;
    public double wastedKwh;
    public double wastedCo2G;
    /** Time of the episode without a fresh carbon intensity: its waste is not priced in carbon. */
    public long unpricedMillis;
    public boolean raised;
    /** The event-time timer that raises the episode: start + minimum duration. */
    public long timerMillis;

    public InefficiencyEpisode() {}

    public double meanUtilizationPct() {
        long span = lastMillis - startMillis;
        return span <= 0 ? lastUtilizationPct : utilizationPctMillis / span;
    }

    public double durationHours() {
        return (lastMillis - startMillis) / 3_600_000.0;
    }
}
