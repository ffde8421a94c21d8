package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The job's native carbon-intensity JSON:
 * <pre>{"zone":"KR","carbon_intensity_gco2_per_kwh":400,"timestamp":"2025-10-22T08:00:00Z",
 *  "source":"electricitymaps","estimated":false,"signal":"average",
 *  "forecast":[{"timestamp":"2025-10-22T09:00:00Z","carbon_intensity_gco2_per_kwh":380}]}</pre>
 */
public final class CarbonReadingJson {

    public static final String INTENSITY = "carbon_intensity_gco2_per_kwh";

    private CarbonReadingJson() {}

    public static CarbonReading parse(String payload) throws InvalidRecordException {
        return read(new FieldReader(Json.parseObject(payload)));
    }

    public static CarbonReading read(FieldReader fields) throws InvalidRecordException {
        String zone = fields.string("zone");
        double intensity = fields.nonNegative(INTENSITY);
        long timestamp = fields.timestamp("timestamp");
        String signal = fields.optionalString("signal", CarbonReading.AVERAGE).toLowerCase(Locale.ROOT);
        if (!signal.equals(CarbonReading.AVERAGE) && !signal.equals(CarbonReading.MARGINAL)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'signal' must be 'average' or 'marginal', got \"" + signal + "\"");
        }
        List<ForecastPoint> forecast = new ArrayList<>();
        for (FieldReader point : fields.objects("forecast")) {
            forecast.add(new ForecastPoint(point.timestamp("timestamp"), point.nonNegative(INTENSITY)));
        }
        forecast.sort(Comparator.comparingLong(ForecastPoint::timestampMillis));
        return new CarbonReading(zone, intensity, timestamp, fields.optionalString("source", "unknown"),
                fields.optionalBoolean("estimated", false), signal, List.copyOf(forecast));
    }

    public static String write(CarbonReading reading) {
        ObjectNode node = Json.object();
        node.put("zone", reading.zone());
        node.put(INTENSITY, reading.intensityGco2PerKwh());
        node.put("timestamp", Json.iso(reading.timestampMillis()));
        node.put("source", reading.source());
        node.put("estimated", reading.estimated());
        node.put("signal", reading.signal());
        if (reading.hasForecast()) {
            ArrayNode points = node.putArray("forecast");
            for (ForecastPoint point : reading.forecast()) {
                points.addObject().put("timestamp", Json.iso(point.timestampMillis())).put(INTENSITY, point.intensityGco2PerKwh());
            }
        }
        return Json.write(node);
    }
}
