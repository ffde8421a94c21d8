package io.caspian.scheduling;

import io.caspian.events.ForecastPoint;
import java.util.List;

/**
 * A zone's latest carbon reading and the running integral of its intensity over time, which lets
 * every round account emissions with the time-weighted mean intensity of the interval.
 */
public class ZoneState {
    public String zone;
    public double intensity;
    public long readingMillis;
    public boolean estimated;
    public String source;
    public List<ForecastPoint> forecast;
    /** The forecast was learnt from the zone's own history (the feed gave none). */
    public boolean forecastLearned;
    /** The forecast is the feed's combined with the learnt one ({@link ForecastSkill#learnedWeightAt}). */
    public boolean forecastBlended;
    /** The zone's last week, when forecasts are learnt (null otherwise). */
    public HourlyHistory history;
    /** How the feed's and the learnt forecasts have done, when forecasts are learnt (null otherwise). */
    public ForecastSkill skill;
    /** ∫ intensity dt in gCO2/kWh·minutes, from {@code coveredSinceMillis} to {@code integralMillis}. */
    public double integral;
    public long integralMillis;
    public long coveredSinceMillis;
    /** {@code integral} as it stood at the last round. */
    public double integralAtLastRound;
    public long lastRoundMillis;

    public ZoneState() {}
}
