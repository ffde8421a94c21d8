package io.caspian.formats;

import static io.caspian.events.json.InvalidRecordException.INVALID_FIELD;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WattTime API v3 signal data ({@code /v3/historical}, {@code /v3/forecast}):
 * {@code {data:[{point_time, value}], meta:{region, signal_type, units, generated_at?}}}.
 * {@code co2_moer} is the marginal operating emissions rate and is marked {@code marginal}, so that
 * the job never mixes it with average intensity; {@code co2_aoer} is average. Values in
 * {@code lbs_co2_per_mwh} become gCO2/kWh (1 lb = 453.59237 g, 1 MWh = 1000 kWh). A response with
 * {@code meta.generated_at} is a forecast ({@link ForecastReadings}); otherwise each point is a reading.
 */
public final class WattTimeFormat extends JsonObjectFormat {

    public static final String NAME = "watttime";
    public static final String SOURCE = "watttime";
    public static final String LBS_PER_MWH = "lbs_co2_per_mwh";
    /** 453.59237 g per lb over 1000 kWh per MWh. */
    public static final double G_PER_KWH_PER_LB_PER_MWH = 0.45359237;

    public WattTimeFormat() {
        super(NAME);
    }

    @Override
    boolean recognises(ObjectNode root) {
        return root.has("data") && root.path("meta").has("signal_type");
    }

    @Override
    List<CarbonReading> read(ObjectNode root) throws InvalidRecordException {
        FieldReader fields = new FieldReader(root);
        FieldReader meta = fields.object("meta");
        String region = meta.string("region");
        String signal = signal(meta.string("signal_type"));
        String units = meta.string("units");
        if (!units.equals(LBS_PER_MWH)) {
            throw new InvalidRecordException(INVALID_FIELD, "field 'meta.units' must be \"" + LBS_PER_MWH + "\", got \"" + units + "\"");
        }
        List<ForecastPoint> points = new ArrayList<>();
        for (FieldReader point : fields.objects("data")) {
            points.add(new ForecastPoint(point.timestamp("point_time"), point.nonNegative("value") * G_PER_KWH_PER_LB_PER_MWH));
        }
        if (meta.has("generated_at")) {
            return List.of(ForecastReadings.of(region, SOURCE, signal, points));
        }
        if (points.isEmpty()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field 'data' holds no points for region " + region);
        }
        List<CarbonReading> readings = new ArrayList<>(points.size());
        for (ForecastPoint point : points) {
            readings.add(new CarbonReading(region, point.intensityGco2PerKwh(), point.timestampMillis(), SOURCE, false, signal, List.of()));
        }
        return readings;
    }

    private static String signal(String signalType) throws InvalidRecordException {
        return switch (signalType.toLowerCase(Locale.ROOT)) {
            case "co2_moer" -> CarbonReading.MARGINAL;
            case "co2_aoer" -> CarbonReading.AVERAGE;
            default -> throw new InvalidRecordException(INVALID_FIELD,
                    "field 'meta.signal_type' must be co2_moer (marginal) or co2_aoer (average), got \"" + signalType + "\"");
        };
    }
}
