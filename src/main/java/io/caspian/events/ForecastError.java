package io.caspian.events;

/**
 * One forecast of a zone's intensity scored against what the zone then reported: the hour's mean of its
 * readings.
 *
 * @param source {@code feed} (the feed's own forecast) or {@code learned} (learnt from the zone's week)
 * @param leadHours the upper lead of the band the forecast was issued in (1, 3, 6, 12, 24 or 48 hours)
 * @param hourStartMillis the hour forecast
 */
public record ForecastError(String zone, String source, int leadHours, long hourStartMillis, double forecastGco2PerKwh,
        double actualGco2PerKwh) {}
