package io.caspian.formats;

import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a forecast payload enters the job. A forecast's points must not become readings of their own:
 * a point hours ahead would drive event time forward and make every current record late. So the first
 * point is the zone's (estimated) current value and the later ones ride on it as its forecast.
 */
final class ForecastReadings {

    private ForecastReadings() {}

    static CarbonReading of(String zone, String source, String signal, List<ForecastPoint> points) throws InvalidRecordException {
        if (points.isEmpty()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                    "the forecast for zone " + zone + " has no points with a value");
        }
        List<ForecastPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingLong(ForecastPoint::timestampMillis));
        ForecastPoint first = sorted.get(0);
        return new CarbonReading(zone, first.intensityGco2PerKwh(), first.timestampMillis(), source, true, signal,
                List.copyOf(sorted.subList(1, sorted.size())));
    }

    /** Attaches later points to the last of the measured readings (or makes one from the first point). */
    static List<CarbonReading> withForecast(List<CarbonReading> measured, String zone, String source, String signal,
            List<ForecastPoint> ahead) throws InvalidRecordException {
        if (ahead.isEmpty()) {
            return measured;
        }
        if (measured.isEmpty()) {
            return List.of(of(zone, source, signal, ahead));
        }
        List<CarbonReading> readings = new ArrayList<>(measured);
        CarbonReading last = readings.remove(readings.size() - 1);
        List<ForecastPoint> later = ahead.stream().filter(p -> p.timestampMillis() > last.timestampMillis())
                .sorted(Comparator.comparingLong(ForecastPoint::timestampMillis)).toList();
        readings.add(new CarbonReading(last.zone(), last.intensityGco2PerKwh(), last.timestampMillis(), last.source(),
                last.estimated(), last.signal(), later));
        return readings;
    }
}
