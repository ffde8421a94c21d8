package io.caspian.events.json;

import static io.caspian.events.json.InvalidRecordException.INVALID_FIELD;
import static io.caspian.events.json.InvalidRecordException.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.validation.TypedValues;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields from a JSON object and rejects a wrong one with a reason that names the field,
 * what it must be and what it was.
 */
public final class FieldReader {

    private final ObjectNode node;
    private final String prefix;

    public FieldReader(ObjectNode node) {
        this(node, "");
    }

    private FieldReader(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The first of the names that is present, or the first name when none is. */
    public String firstPresent(String... names) {
        for (String name : names) {
            if (has(name)) {
                return name;
            }
        }
        return names[0];
    }

    private JsonNode required(String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRecordException(MISSING_FIELD, "field '" + prefix + field + "' is required");
        }
        return value;
    }

    private InvalidRecordException invalid(String field, String expected, JsonNode got) {
        return new InvalidRecordException(INVALID_FIELD,
                "field '" + prefix + field + "' must be " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    public String string(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(field, "a non-empty string", value);
        }
        return value.asText().trim();
    }

    public String optionalString(String field, String fallback) throws InvalidRecordException {
        return has(field) ? string(field) : fallback;
    }

    public double number(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        Double parsed = parseNumber(value);
        if (parsed == null) {
            throw invalid(field, "a number", value);
        }
        double number = parsed;
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw invalid(field, "a finite number", value);
        }
        return number;
    }

    /**
     * A JSON number, or a string holding one (some carbon sources send numbers as strings, like the
     * Carbon Aware SDK's "Rating"); null when it is neither. NaN and infinity pass: callers decide.
     */
    static Double parseNumber(JsonNode value) {
        return TypedValues.number(value);
    }

    /** A JSON number (not a string) that is strictly positive. */
    public double positive(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (!value.isNumber()) {
            throw invalid(field, "a number > 0", value);
        }
        double number = value.asDouble();
        if (!(number > 0) || Double.isInfinite(number)) {
            throw invalid(field, "a number > 0", value);
        }
        return number;
    }

    public double nonNegative(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
            throw invalid(field, "a number >= 0", value);
        }
        return value.asDouble();
    }

    public double optionalNonNegative(String field, double fallback) throws InvalidRecordException {
        return has(field) ? nonNegative(field) : fallback;
    }

    public int positiveInt(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (!value.canConvertToExactIntegral() || value.asLong() <= 0 || value.asLong() > Integer.MAX_VALUE) {
            throw invalid(field, "a whole number > 0", value);
        }
        return value.asInt();
    }

    public int optionalNonNegativeInt(String field, int fallback) throws InvalidRecordException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw invalid(field, "a whole number >= 0", value);
        }
        return value.asInt();
    }

    public boolean optionalBoolean(String field, boolean fallback) throws InvalidRecordException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        Boolean parsed = TypedValues.bool(value);
        if (parsed == null) {
            throw invalid(field, "true or false", value);
        }
        return parsed;
    }

    /** A list of non-empty strings; a single string is taken as a list of one. Absent means empty. */
    public List<String> stringList(String field) throws InvalidRecordException {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (value.isTextual()) {
            return value.asText().isBlank() ? List.of() : List.of(value.asText().trim());
        }
        if (!value.isArray()) {
            throw invalid(field, "a list of strings", value);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw invalid(field, "a list of non-empty strings", value);
            }
            items.add(item.asText().trim());
        }
        return List.copyOf(items);
    }

    /** A mapping of names to non-empty strings (numbers and booleans are read as their text); empty when absent. */
    public java.util.Map<String, String> stringMap(String field) throws InvalidRecordException {
        if (!has(field)) {
            return java.util.Map.of();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw invalid(field, "a mapping of names to strings", value);
        }
        java.util.Map<String, String> items = new java.util.TreeMap<>();
        var entries = value.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            JsonNode item = entry.getValue();
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                throw invalid(field, "a mapping of names to non-empty strings", value);
            }
            items.put(entry.getKey().trim(), item.asText().trim());
        }
        return items;
    }

    /** An ISO-8601 time (offset, or UTC when it has none) or epoch milliseconds. */
    public long timestamp(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (value.canConvertToExactIntegral()) {
            long millis = value.asLong();
            if (millis < 0) {
                throw invalid(field, "a time after 1970", value);
            }
            return millis;
        }
        if (!value.isTextual()) {
            throw invalid(field, "an ISO-8601 time or epoch milliseconds", value);
        }
        Long parsed = parseTime(value.asText().trim());
        if (parsed == null) {
            throw invalid(field, "an ISO-8601 time or epoch milliseconds", value);
        }
        return parsed;
    }

    /** Parses ISO-8601 with or without an offset (no offset means UTC); null when it is neither. */
    public static Long parseTime(String text) {
        Long canonical = IsoTime.parse(text); // the shape nearly every record carries, read without the formatter
        if (canonical != null) {
            return canonical;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A nested object, read with the same rules; its fields are named {@code parent.child}. */
    public FieldReader object(String field) throws InvalidRecordException {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw invalid(field, "an object", value);
        }
        return new FieldReader((ObjectNode) value, prefix + field + ".");
    }

    public List<FieldReader> objects(String field) throws InvalidRecordException {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw invalid(field, "a list of objects", value);
        }
        List<FieldReader> items = new ArrayList<>();
        int index = 0;
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw invalid(field + "[" + index + "]", "an object", item);
            }
            items.add(new FieldReader((ObjectNode) item, prefix + field + "[" + index + "]."));
            index++;
        }
        return items;
    }
}
