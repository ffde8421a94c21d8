package io.caspian.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.util.TimeUtils;

/**
 * The one reading of typed values, shared by input JSON, the YAML configuration and the command line,
 * so that a boolean, a number or a duration means the same wherever it is written. Each method returns
 * null for a value that is not of its type; the caller says which field and why.
 *
 * <ul>
 *   <li>boolean: {@code true}/{@code false}, and YAML's {@code yes}/{@code no}/{@code on}/{@code off}
 *       (YAML files give these as booleans already, so the command line and JSON read them alike), in
 *       any case;
 *   <li>number: a JSON number, or text in decimal or scientific notation ({@code 12}, {@code -0.5},
 *       {@code 1e3}); {@code NaN} and {@code Infinity} read as such, for the caller to refuse;
 *   <li>duration: Flink's forms ({@code 300 s}, {@code 5 min}, {@code 2 h}, {@code 1 d}) or ISO-8601
 *       ({@code PT5M}).
 * </ul>
 */
public final class TypedValues {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private TypedValues() {}

    public static Boolean bool(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isTextual() ? bool(value.textValue()) : null;
    }

    public static Boolean bool(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    public static Double number(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isTextual() ? number(value.textValue()) : null;
    }

    public static Double number(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        switch (trimmed) {
            case "NaN":
                return Double.NaN;
            case "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return DECIMAL.matcher(trimmed).matches() ? Double.parseDouble(trimmed) : null;
        }
    }

    /** A whole number (no fraction), or null. */
    public static Long wholeNumber(String text) {
        Double value = number(text);
        if (value == null || Double.isNaN(value) || Double.isInfinite(value) || value != Math.rint(value)
                || Math.abs(value) > 9.007199254740992E15) {
            return null;
        }
        return value.longValue();
    }

    public static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return trimmed.startsWith("P") || trimmed.startsWith("p") ? Duration.parse(trimmed) : TimeUtils.parseDuration(trimmed);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
