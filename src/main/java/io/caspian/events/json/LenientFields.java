package io.caspian.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a field that publishers spell in several ways (the logger SDK's {@code workload_id},
 * {@code workloadId}, {@code workload.id}, ...): each lookup names dotted paths in order of preference,
 * and a rejection names every spelling that was accepted.
 */
final class LenientFields {

    private final ObjectNode root;

    LenientFields(ObjectNode root) {
        this.root = root;
    }

    /** The first present, non-null value among the paths, or null. */
    JsonNode find(String... paths) {
        for (String path : paths) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                node = node == null || !node.isObject() ? null : node.get(part);
            }
            if (node != null && !node.isNull()) {
                return node;
            }
        }
        return null;
    }


    private static InvalidRecordException invalid(String expected, JsonNode got, String... paths) {
        String text = got.toString();
        return new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "field " + label(paths) + " must be "
                + expected + ", got " + (text.length() > 80 ? text.substring(0, 77) + "..." : text));
    }

    static String label(String... paths) {
        return paths.length == 1 ? "'" + paths[0] + "'" : "'" + paths[0] + "' (or " + String.join(", ", java.util.Arrays.asList(paths).subList(1, paths.length)) + ")";
    }

    String requiredString(String... paths) throws InvalidRecordException {
        String value = string(paths);
        if (value == null) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field " + label(paths) + " is required");
        }
        return value;
    }

    /** A non-empty string, or null when absent. */
    String string(String... paths) throws InvalidRecordException {
        JsonNode value = find(paths);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid("a non-empty string", value, paths);
        }
        return value.asText().trim();
    }

    /** A finite number (a numeric string is accepted), or NaN when absent: unknown, never zero. */
    double number(String... paths) throws InvalidRecordException {
        JsonNode value = find(paths);
        if (value == null) {
            return Double.NaN;
        }
        Double parsed = FieldReader.parseNumber(value);
        if (parsed == null) {
            throw invalid("a number", value, paths);
        }
        double number = parsed;
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw invalid("a finite number", value, paths);
        }
        return number;
    }

    double nonNegative(String... paths) throws InvalidRecordException {
        double value = number(paths);
        if (value < 0) {
            throw invalid("a number >= 0", find(paths), paths);
        }
        return value;
    }

    Double optionalNumber(String... paths) throws InvalidRecordException {
        double value = number(paths);
        return Double.isNaN(value) ? null : value;
    }

    boolean bool(boolean fallback, String... paths) throws InvalidRecordException {
        JsonNode value = find(paths);
        if (value == null) {
            return fallback;
        }
        Boolean parsed = io.caspian.validation.TypedValues.bool(value);
        if (parsed == null) {
            throw invalid("true or false", value, paths);
        }
        return parsed;
    }

    long timestamp(String... paths) throws InvalidRecordException {
        JsonNode value = find(paths);
        if (value == null) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field " + label(paths) + " is required");
        }
        if (value.canConvertToExactIntegral() && value.asLong() >= 0) {
            return value.asLong();
        }
        Long parsed = value.isTextual() ? FieldReader.parseTime(value.asText().trim()) : null;
        if (parsed == null) {
            throw invalid("an ISO-8601 time or epoch milliseconds", value, paths);
        }
        return parsed;
    }
}
