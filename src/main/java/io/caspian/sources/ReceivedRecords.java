package io.caspian.sources;

import io.caspian.events.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into a {@link RawRecord} without losing anything: valid UTF-8 becomes text,
 * anything else keeps its exact bytes as base64 (parsing then refuses it with the reason
 * {@code invalid_encoding}, and the dead letter carries those bytes). A tombstone becomes an empty
 * payload.
 */
final class ReceivedRecords {

    private ReceivedRecords() {}

    static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), "",
                    RawRecord.UTF_8, 0);
        }
        String text = strictUtf8(value);
        return text != null
                ? new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), text, RawRecord.UTF_8,
                        value.length)
                : new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                        Base64.getEncoder().encodeToString(value), RawRecord.BASE64, value.length);
    }

    /**
     * The text, or null when the bytes are not well-formed UTF-8 (a lenient decoder would replace them).
     * Bytes below 0x80 are ASCII, which is UTF-8 as it stands: such a record (most feeds' JSON) is taken
     * as it is, without a decoder.
     */
    static String strictUtf8(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
