package io.caspian.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER) // the shortest text that reads back as the same double
                    .build())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Reads a payload as a tree with the mapper's settings (the mapper's readTree looks the type up at each call). */
    private static final ObjectReader PAYLOAD_READER = MAPPER.readerFor(JsonNode.class);

    /** Reads back what {@link #stream} writes: numbers stay doubles, as a writer's tree would hold them. */
    private static final ObjectReader TREE_READER = MAPPER.reader().without(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {}

    /** Writes one JSON value field by field. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator out) throws IOException;
    }

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
            return PAYLOAD_READER.readTree(text);
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

    /**
     * Writes a value straight to text with a streaming generator, building no tree: the outputs that
     * carry a record per workload per round are written this way.
     */
    public static String stream(Body body) {
        JsonFactory factory = MAPPER.getFactory();
        BufferRecycler buffers = factory._getBufferRecycler(); // pooled, as the mapper's own writeValueAsString does
        try (SegmentedStringWriter text = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator out = factory.createGenerator(text)) {
                body.write(out);
            }
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e); // an in-memory writer does not fail
        } finally {
            buffers.releaseToPool();
        }
    }

    /** The tree of what {@code body} writes, for a caller that reshapes it before writing. */
    public static ObjectNode tree(Body body) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            body.write(tokens);
            return (ObjectNode) TREE_READER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer JSON tokens", e); // a token buffer does not fail
        }
    }

    /** Writes an ISO-8601 time, or null. */
    public static void timeField(JsonGenerator out, String field, Long epochMillis) throws IOException {
        if (epochMillis == null) {
            out.writeNullField(field);
        } else {
            out.writeStringField(field, iso(epochMillis));
        }
    }

    /**
     * Writes a number rounded to 3 decimals, or null. NaN is how an event published by another module
     * says a figure is unknown; it is written as null, never as 0.
     */
    public static void numberField(JsonGenerator out, String field, Double value) throws IOException {
        Double shown = finite3(value);
        if (shown == null) {
            out.writeNullField(field);
        } else {
            out.writeNumberField(field, shown.doubleValue());
        }
    }

    /** {@link #numberField} for a tree. */
    public static void putNumber(ObjectNode node, String field, Double value) {
        node.put(field, finite3(value));
    }

    private static Double finite3(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : round3(value);
    }

    /** ISO-8601 in UTC, as {@link Instant#toString()} writes it. */
    public static String iso(long epochMillis) {
        return IsoTime.of(epochMillis);
    }

    /** Rounds to 3 decimals so that outputs stay readable and stable. */
    public static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
