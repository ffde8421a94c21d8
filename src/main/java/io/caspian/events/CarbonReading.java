package io.caspian.events;

import java.util.List;

/**
 * Carbon intensity of one grid zone at one time, with optional forecast points for later periods.
 *
 * @param signal {@code average} (direct or lifecycle) or {@code marginal}; the two are never mixed
 *     in one decision
 * @param forecast later periods in ascending time; empty when the source gave no forecast
 * @param origin the input record it was read from, null when it came from no topic
 */
public record CarbonReading(
        String zone,
        double intensityGco2PerKwh,
        long timestampMillis,
        String source,
        boolean estimated,
        String signal,
        List<ForecastPoint> forecast,
        Origin origin,
        boolean forecastLearned) {

    /** A reading as a feed gives it, its forecast (if any) the feed's own. */
    public CarbonReading(String zone, double intensityGco2PerKwh, long timestampMillis, String source, boolean estimated,
            String signal, List<ForecastPoint> forecast, Origin origin) {
        this(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, forecast, origin, false);
    }

    /** A reading that did not come from an input topic (a generator, a test). */
    public CarbonReading(String zone, double intensityGco2PerKwh, long timestampMillis, String source, boolean estimated,
            String signal, List<ForecastPoint> forecast) {
        this(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, forecast, null);
    }

    public CarbonReading withOrigin(Origin from) {
        return new CarbonReading(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, forecast, from,
                forecastLearned);
    }

    /** The same reading with a forecast learnt from the zone's own history, because the feed gave none. */
    public CarbonReading withLearnedForecast(List<ForecastPoint> learned) {
        return new CarbonReading(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, learned, origin, true);
    }

    /** The same reading with the feed's forecast combined with a learnt one. */
    public CarbonReading withForecast(List<ForecastPoint> points) {
        return new CarbonReading(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, points, origin, false);
    }

    /**
     * The reading as what prices a span of time in its zone: zone, time, intensity and kind, without the
     * forecast and the record it was read from (which can be kilobytes, and are not needed there).
     */
    public CarbonReading intensityOnly() {
        return new CarbonReading(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, List.of(), null, false);
    }

    public static final String AVERAGE = "average";
    public static final String MARGINAL = "marginal";

    public boolean hasForecast() {
        return forecast != null && !forecast.isEmpty();
    }
}
