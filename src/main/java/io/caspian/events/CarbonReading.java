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
        Origin origin) {

    /** A reading that did not come from an input topic (a generator, a test). */
    public CarbonReading(String zone, double intensityGco2PerKwh, long timestampMillis, String source, boolean estimated,
            String signal, List<ForecastPoint> forecast) {
        this(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, forecast, null);
    }

    public CarbonReading withOrigin(Origin from) {
        return new CarbonReading(zone, intensityGco2PerKwh, timestampMillis, source, estimated, signal, forecast, from);
    }

    public static final String AVERAGE = "average";
    public static final String MARGINAL = "marginal";

    public boolean hasForecast() {
        return forecast != null && !forecast.isEmpty();
    }
}
