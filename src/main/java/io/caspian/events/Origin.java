package io.caspian.events;

/**
 * Where a parsed record came from, so that a refusal at any later stage can still name the input
 * record and carry what was received.
 *
 * @param payload the received text (base64 when {@code payloadEncoding} is {@code base64}); null when
 *     it was not carried along (one large record that yielded many events): the coordinates still
 *     point at it
 * @param payloadBytes size of the received value in bytes, -1 when unknown
 */
public record Origin(String source, int partition, long offset, long timestampMillis, String payload,
        String payloadEncoding, long payloadBytes) {

    public static Origin of(RawRecord raw) {
        return new Origin(raw.source(), raw.partition(), raw.offset(), raw.timestampMillis(), raw.payload(),
                raw.payloadEncoding(), raw.payloadBytes());
    }

    /** The same coordinates without the text, for events that share one large record. */
    public Origin withoutPayload() {
        return new Origin(source, partition, offset, timestampMillis, null, payloadEncoding, payloadBytes);
    }
}
