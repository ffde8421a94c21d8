package io.caspian.sinks;

import io.caspian.events.DeadLetter;

/**
 * Bounds the payload a dead letter carries. The record that was refused for being oversized must still
 * fit in a Kafka message (1 MB by default), so a long payload keeps its head and the letter says how
 * long the original was; source, partition and offset still point at the whole record.
 */
public final class DeadLetterPayloads {

    /** Kept characters of a payload: enough to recognise any record, far below Kafka's message limit. */
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    private DeadLetterPayloads() {}

    public static DeadLetter bounded(DeadLetter letter) {
        String payload = letter.payload();
        if (payload == null || payload.length() <= MAX_PAYLOAD_CHARS) {
            return letter;
        }
        return new DeadLetter(letter.source(), letter.partition(), letter.offset(), letter.timestampMillis(),
                payload.substring(0, MAX_PAYLOAD_CHARS), letter.reason(),
                letter.detail() + " (payload truncated to its first " + MAX_PAYLOAD_CHARS + " of " + payload.length()
                        + " characters)");
    }
}
