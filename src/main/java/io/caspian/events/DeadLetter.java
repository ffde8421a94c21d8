package io.caspian.events;

import java.nio.charset.StandardCharsets;

/**
 * A record the job could not use: what was received, where it came from, which stage refused it,
 * and why.
 *
 * @param source the input topic (or generator) the record came from; for a record the job made itself
 *     (a dispatch request, a decision), the stage's own name
 * @param partition partition in that source, -1 when the record did not come from a topic
 * @param offset position in that source, -1 when unknown
 * @param payload what was received (possibly cut, see {@code payloadSha256}); null when it was not
 *     carried to the refusing stage: source, partition and offset then point at it
 * @param payloadEncoding {@code utf-8}, or {@code base64} for bytes that were not UTF-8
 * @param payloadBytes the size in bytes of the whole record as received, -1 when unknown
 * @param payloadSha256 hex SHA-256 of the whole record, set when {@code payload} is cut or absent
 * @param stage the step that refused it: {@code parse}, {@code zone-tracker}, {@code rounds},
 *     {@code output}, {@code dispatch}, {@code analytics}
 * @param reason machine-readable category, e.g. {@code invalid_json}, {@code limit_exceeded}, {@code late}
 * @param detail the precise cause, naming the field, the limit and the value
 */
public record DeadLetter(
        String source,
        int partition,
        long offset,
        long timestampMillis,
        String payload,
        String payloadEncoding,
        long payloadBytes,
        String payloadSha256,
        String stage,
        String reason,
        String detail) {

    public static final String PARSE = "parse";
    public static final String ZONE_TRACKER = "zone-tracker";
    public static final String ROUNDS = "rounds";
    public static final String OUTPUT = "output";
    public static final String DISPATCH = "dispatch";
    public static final String ANALYTICS = "analytics";

    /** A raw input record refused as received. */
    public static DeadLetter of(RawRecord raw, String stage, String reason, String detail) {
        return new DeadLetter(raw.source(), raw.partition(), raw.offset(), raw.timestampMillis(), raw.payload(),
                raw.payloadEncoding(), raw.payloadBytes() >= 0 ? raw.payloadBytes() : utf8Bytes(raw.payload()), null, stage,
                reason, detail);
    }

    /** A parsed record refused by a later stage, named by where it came from. */
    public static DeadLetter of(Origin origin, long eventTimeMillis, String stage, String reason, String detail) {
        return new DeadLetter(origin.source(), origin.partition(), origin.offset(), eventTimeMillis, origin.payload(),
                origin.payloadEncoding(), origin.payloadBytes() >= 0 ? origin.payloadBytes() : utf8Bytes(origin.payload()),
                null, stage, reason, detail);
    }

    /** A record the job made itself (its JSON), refused by one of its own stages. */
    public static DeadLetter generated(String source, long timestampMillis, String json, String stage, String reason,
            String detail) {
        return new DeadLetter(source, -1, -1, timestampMillis, json, RawRecord.UTF_8, utf8Bytes(json), null, stage, reason,
                detail);
    }

    private static long utf8Bytes(String text) {
        return text == null ? -1 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
