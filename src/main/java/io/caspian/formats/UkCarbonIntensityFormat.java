package io.caspian.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;

/**
 * The UK Carbon Intensity API (National Grid ESO) national responses, e.g. {@code /intensity} or
 * {@code /intensity/date}: {@code {data:[{from, to, intensity:{forecast, actual, index}}]}} in
 * gCO2/kWh for Great Britain (zone {@value #ZONE}). A half hour with an {@code actual} is a reading;
 * the half hours that only have a {@code forecast} (the future) become the forecast of the last
 * measured one. Regional responses ({@code regionid}) are refused, since their zone is not GB.
 */
public final class UkCarbonIntensityFormat extends JsonObjectFormat {

    public static final String NAME = "uk-carbon-intensity";
    public static final String SOURCE = "carbonintensity.org.uk";
    public static final String ZONE = "GB";

    public UkCarbonIntensityFormat() {
        super(NAME);
    }

    @Override
    boolean recognises(ObjectNode root) {
        JsonNode first = root.path("data").path(0);
        return first.has("intensity") || first.has("regionid") || first.has("regions");
    }

    @Override
    List<CarbonReading> read(ObjectNode root) throws InvalidRecordException {
        List<CarbonReading> measured = new ArrayList<>();
        List<ForecastPoint> ahead = new ArrayList<>();
        for (FieldReader period : new FieldReader(root).objects("data")) {
            if (period.has("regionid") || period.has("regions")) {
                throw new InvalidRecordException(InvalidRecordException.UNSUPPORTED_FORMAT,
                        "regional Carbon Intensity responses are not supported; use the national /intensity endpoints");
            }
            long from = period.timestamp("from");
            period.timestamp("to");
            FieldReader intensity = period.object("intensity");
            if (intensity.has("actual")) {
                measured.add(new CarbonReading(ZONE, intensity.nonNegative("actual"), from, SOURCE, false, CarbonReading.AVERAGE,
                        List.of()));
            } else {
                ahead.add(new ForecastPoint(from, intensity.nonNegative("forecast")));
            }
        }
        if (measured.isEmpty() && ahead.isEmpty()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field 'data' holds no half hours");
        }
        return ForecastReadings.withForecast(measured, ZONE, SOURCE, CarbonReading.AVERAGE, ahead);
    }
}
