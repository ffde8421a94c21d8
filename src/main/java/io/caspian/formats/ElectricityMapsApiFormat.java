package io.caspian.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;

/**
 * Electricity Maps API v3 carbon-intensity responses, told apart by their shape:
 * <ul>
 *   <li>{@code /latest}: {@code {zone, carbonIntensity, datetime, isEstimated, emissionFactorType, ...}},
 *       one reading;</li>
 *   <li>{@code /history}: {@code {zone, history:[{carbonIntensity, datetime, ...}]}}, one reading per
 *       hour; an hour whose {@code carbonIntensity} is null is a gap and yields nothing (never 0);</li>
 *   <li>{@code /forecast}: {@code {zone, forecast:[{carbonIntensity, datetime}], updatedAt}}, one
 *       estimated reading carrying the later points as its forecast ({@link ForecastReadings}).</li>
 * </ul>
 * Intensities are gCO2eq/kWh, average (lifecycle or direct, as the account is set up).
 */
public final class ElectricityMapsApiFormat extends JsonObjectFormat {

    public static final String NAME = "em-api";
    public static final String SOURCE = "electricitymaps";
    static final String INTENSITY = "carbonIntensity";

    public ElectricityMapsApiFormat() {
        super(NAME);
    }

    /** True when the object has one of the three shapes. */
    @Override
    boolean recognises(ObjectNode root) {
        return root.has("zone") && (root.has(INTENSITY) || root.has("history") || root.has("forecast"));
    }

    @Override
    List<CarbonReading> read(ObjectNode root) throws InvalidRecordException {
        FieldReader fields = new FieldReader(root);
        String zone = fields.string("zone");
        if (fields.has("history")) {
            return history(zone, fields);
        }
        if (fields.has("forecast")) {
            return List.of(forecast(zone, fields));
        }
        return List.of(reading(zone, fields));
    }

    private static CarbonReading reading(String zone, FieldReader fields) throws InvalidRecordException {
        return new CarbonReading(fields.optionalString("zone", zone), fields.nonNegative(INTENSITY), fields.timestamp("datetime"),
                SOURCE, fields.optionalBoolean("isEstimated", false), CarbonReading.AVERAGE, List.of());
    }

    private static List<CarbonReading> history(String zone, FieldReader fields) throws InvalidRecordException {
        List<CarbonReading> readings = new ArrayList<>();
        for (FieldReader hour : fields.objects("history")) {
            if (hour.has(INTENSITY)) {
                readings.add(reading(zone, hour));
            }
        }
        if (readings.isEmpty()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                    "the history of zone " + zone + " has no hour with a carbonIntensity");
        }
        return readings;
    }

    private static CarbonReading forecast(String zone, FieldReader fields) throws InvalidRecordException {
        List<ForecastPoint> points = new ArrayList<>();
        for (FieldReader point : fields.objects("forecast")) {
            if (point.has(INTENSITY)) {
                points.add(new ForecastPoint(point.timestamp("datetime"), point.nonNegative(INTENSITY)));
            }
        }
        return ForecastReadings.of(zone, SOURCE, CarbonReading.AVERAGE, points);
    }
}
