package io.caspian.sinks;

import io.caspian.events.DeadLetter;
import io.caspian.events.RawRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bounds the payload a dead letter carries. The record refused for being oversized must still fit in
 * a Kafka message and an Elasticsearch document, so a long payload keeps its head, and the letter
 * keeps the whole record's size and SHA-256; source, partition and offset still point at all of it.
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
        // a cut must not split a surrogate pair, or the head is no longer valid text
        int end = Character.isHighSurrogate(payload.charAt(MAX_PAYLOAD_CHARS - 1)) ? MAX_PAYLOAD_CHARS - 1 : MAX_PAYLOAD_CHARS;
        return new DeadLetter(letter.source(), letter.partition(), letter.offset(), letter.timestampMillis(),
                payload.substring(0, end), letter.payloadEncoding(), letter.payloadBytes(), sha256(payload, letter.payloadEncoding()),
                letter.stage(), letter.reason(),
                letter.detail() + " (payload cut to its first " + end + " of " + payload.length() + " characters)");
    }

    /** Hex SHA-256 of the bytes as received: the decoded base64, or the text's UTF-8. */
    static String sha256(String payload, String encoding) {
        byte[] bytes = RawRecord.BASE64.equals(encoding) ? Base64.getDecoder().decode(payload)
                : payload.getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
