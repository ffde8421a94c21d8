package io.caspian.events;

/**
 * An input record before parsing: its payload and where it came from (for dead-lettering).
 *
 * @param payload the value as UTF-8 text, or its base64 form when the bytes were not valid UTF-8
 * @param payloadEncoding {@value #UTF_8} or {@value #BASE64}
 * @param payloadBytes the value's size in bytes as received, -1 when unknown
 */
public record RawRecord(String source, int partition, long offset, long timestampMillis, String payload,
        String payloadEncoding, long payloadBytes) {

    public static final String UTF_8 = "utf-8";
    public static final String BASE64 = "base64";

    /** A record of text (generated, or read from a file): UTF-8, size measured when needed. */
    public RawRecord(String source, int partition, long offset, long timestampMillis, String payload) {
        this(source, partition, offset, timestampMillis, payload, UTF_8, -1);
    }

    public boolean isText() {
        return UTF_8.equals(payloadEncoding);
    }
}
