package io.caspian.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises each JSON payload's format by its shape, so that one carbon topic may carry the feeds of
 * several providers. The tests run in this order, the first match wins:
 * <ol>
 *   <li>an array, or an object with {@code Emissions}: Carbon Aware SDK;</li>
 *   <li>{@code carbon_intensity_gco2_per_kwh} at the top: the native JSON;</li>
 *   <li>{@code data} with {@code meta.signal_type}: WattTime v3;</li>
 *   <li>{@code data} whose first entry has {@code intensity}: UK Carbon Intensity API;</li>
 *   <li>{@code zone} with {@code carbonIntensity}, {@code history} or {@code forecast}: Electricity Maps API v3.</li>
 * </ol>
 * Anything else is refused as {@code unsupported_format}. CSV exports are files for back-tests, not
 * messages, and are chosen by name instead.
 */
public final class AutoDetectFormat implements CarbonFormat {

    public static final String NAME = "auto";

    private final CarbonAwareSdkJsonFormat carbonAwareSdk = new CarbonAwareSdkJsonFormat();
    /** In the order of the class comment: the first that recognises a shape reads it. */
    private final List<JsonObjectFormat> providers = List.of(new WattTimeFormat(), new UkCarbonIntensityFormat(),
            new ElectricityMapsApiFormat());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CarbonReading> parse(String payload) throws InvalidRecordException {
        JsonNode root = Json.parse(payload);
        if (root.isArray() || (root.isObject() && root.has("Emissions"))) {
            return carbonAwareSdk.parse(payload);
        }
        if (!root.isObject()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON,
                    "expected a JSON object or array, got " + root.getNodeType().name().toLowerCase());
        }
        ObjectNode object = (ObjectNode) root;
        if (object.has(CarbonReadingJson.INTENSITY)) {
            return List.of(CarbonReadingJson.read(new FieldReader(object)));
        }
        for (JsonObjectFormat format : providers) {
            if (format.recognises(object)) {
                return format.read(object);
            }
        }
        throw new InvalidRecordException(InvalidRecordException.UNSUPPORTED_FORMAT,
                "no known carbon format has this shape (native, Electricity Maps API, WattTime, UK Carbon Intensity, "
                        + "Carbon Aware SDK); top-level fields: " + fieldNames(object));
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.size() > 10 ? names.subList(0, 10) : names;
    }
}
