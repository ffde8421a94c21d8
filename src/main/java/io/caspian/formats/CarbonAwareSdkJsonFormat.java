package io.caspian.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Green Software Foundation Carbon Aware SDK's JSON data-source format, in both shapes it comes
 * in: a bare array of {@code {Location, Time, Rating, Duration}} (Rating a number), and the wrapped
 * {@code {Description, Date, License, Emissions:[{Location, Rating, Time}]}} (Rating a string, file
 * starting with a UTF-8 byte-order mark). Rating is gCO2eq/kWh. Duration is a .NET time span
 * ({@code "01:00"}, {@code "01:00:00"}, {@code "1.00:00:00"}); it is checked but not kept, since a
 * reading holds until the next one.
 */
public final class CarbonAwareSdkJsonFormat implements CarbonFormat {

    public static final String NAME = "carbon-aware-sdk";
    public static final String SOURCE = "carbon-aware-sdk";

    private static final String EMISSIONS = "Emissions";
    /** [d.]hh:mm[:ss[.fraction]] */
    private static final Pattern TIME_SPAN = Pattern.compile("^(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CarbonReading> parse(String payload) throws InvalidRecordException {
        JsonNode root = Json.parse(payload);
        JsonNode entries = root;
        if (root.isObject()) {
            entries = root.get(EMISSIONS);
            if (entries == null || entries.isNull()) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                        "field '" + EMISSIONS + "' is required when the payload is an object");
            }
        }
        if (!entries.isArray()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "expected an array of emissions entries, got " + entries.getNodeType().name().toLowerCase());
        }
        List<CarbonReading> readings = new ArrayList<>(entries.size());
        int index = 0;
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                        "emissions entry [" + index + "] must be an object");
            }
            readings.add(read(index, new FieldReader((ObjectNode) entry)));
            index++;
        }
        return readings;
    }

    private static CarbonReading read(int index, FieldReader fields) throws InvalidRecordException {
        try {
            double rating = fields.number("Rating");
            if (rating < 0) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                        "field 'Rating' must be >= 0, got " + rating);
            }
            if (fields.has("Duration")) {
                durationMillis(fields.string("Duration"));
            }
            return new CarbonReading(fields.string("Location"), rating, fields.timestamp("Time"), SOURCE, false,
                    CarbonReading.AVERAGE, List.of());
        } catch (InvalidRecordException e) {
            throw new InvalidRecordException(e.reason(), "emissions entry [" + index + "]: " + e.getMessage());
        }
    }

    /** A .NET time span in milliseconds; a malformed or zero span is refused. */
    static long durationMillis(String span) throws InvalidRecordException {
        Matcher m = TIME_SPAN.matcher(span.trim());
        if (!m.matches()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'Duration' must be a time span like \"01:00\" or \"01:00:00\", got \"" + span + "\"");
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = Long.parseLong(m.group(2));
        long minutes = Long.parseLong(m.group(3));
        long seconds = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        if (hours > 23 || minutes > 59 || seconds > 59) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'Duration' is not a valid time span: \"" + span + "\"");
        }
        long millis = ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
        if (millis <= 0) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'Duration' must be longer than zero, got \"" + span + "\"");
        }
        return millis;
    }
}
