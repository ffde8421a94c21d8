package io.caspian.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The one JSON mapper of the job, and helpers shared by the readers and writers. */
public final class Json {

    /** Payloads above this size are rejected before parsing. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    /**
     * Strict: trailing tokens and duplicate keys are refused (a record that says two things about one
     * field is ambiguous); Jackson's own read constraints bound nesting depth and number and string
     * lengths.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {}

    /** Parses a payload that must be a JSON object; strips a byte-order mark. */
    public static ObjectNode parseObject(String payload) throws InvalidRecordException {
        JsonNode node = parse(payload);
        if (!node.isObject()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON,
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    public static JsonNode parse(String payload) throws InvalidRecordException {
        if (payload == null || payload.isBlank()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON, "empty payload");
        }
        if (payload.length() > MAX_PAYLOAD_BYTES) {
            throw new InvalidRecordException(InvalidRecordException.OVERSIZED,
                    "payload of " + payload.length() + " characters exceeds the limit of " + MAX_PAYLOAD_BYTES);
        }
        String text = payload.charAt(0) == '\uFEFF' ? payload.substring(1) : payload;
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON,
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** Puts an ISO-8601 time, or null. */
    public static void putTime(ObjectNode node, String field, Long epochMillis) {
        if (epochMillis == null) {
            node.putNull(field);
        } else {
            node.put(field, iso(epochMillis));
        }
    }

    /** Rounds to 3 decimals so that outputs stay readable and stable. */
    public static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
