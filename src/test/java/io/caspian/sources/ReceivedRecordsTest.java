package io.caspian.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.KeyedRawRecord;
import io.caspian.events.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReceivedRecordsTest {

    static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("caspian.workloads", 3, 42, key, value);
    }

    static <T> List<T> collect(java.util.function.Consumer<Collector<T>> deserialize) {
        List<T> out = new ArrayList<>();
        deserialize.accept(new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void textIsKeptAsTextWithItsSizeInBytes() {
        byte[] value = "{\"job_id\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        RawRecord raw = ReceivedRecords.of(record(null, value));
        assertThat(raw.payload()).isEqualTo("{\"job_id\":\"é\"}");
        assertThat(raw.payloadEncoding()).isEqualTo(RawRecord.UTF_8);
        assertThat(raw.payloadBytes()).isEqualTo(value.length);
        assertThat(raw.partition()).isEqualTo(3);
        assertThat(raw.offset()).isEqualTo(42);
    }

    @Test
    void bytesThatAreNotUtf8AreKeptExactlyAsBase64() {
        byte[] value = {'{', (byte) 0xC3, (byte) 0x28, '}', (byte) 0xFF};
        RawRecord raw = ReceivedRecords.of(record(null, value));
        assertThat(raw.payloadEncoding()).isEqualTo(RawRecord.BASE64);
        assertThat(Base64.getDecoder().decode(raw.payload())).isEqualTo(value);
        assertThat(raw.isText()).isFalse();
    }

    @Test
    void aTombstoneOfTheRulesTopicKeepsItsKeyAndNoPayload() {
        List<KeyedRawRecord> out = collect(c -> new KeyedRawRecordDeserializer().deserialize(
                record("slow-decisions".getBytes(StandardCharsets.UTF_8), null), c));
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("slow-decisions");
            assertThat(r.payload()).isNull();
        });
    }

    /**
     * ASCII records skip the decoder; every other byte string still goes through it. Random byte strings,
     * mostly ASCII with a byte of the upper half here and there (most of them malformed), must read
     * exactly as a strict decoder reads them; a well-formed text with multi-byte characters is checked
     * apart.
     */
    @Test
    void readsEveryByteStringAsAStrictDecoderDoes() {
        Random random = new Random(7);
        int ascii = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            boolean allAscii = true;
            for (int b = 0; b < bytes.length; b++) {
                boolean upper = random.nextInt(8) == 0;
                bytes[b] = (byte) (upper ? 0x80 + random.nextInt(128) : random.nextInt(128));
                allAscii &= !upper;
            }
            String expected;
            try {
                expected = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                expected = null;
                refused++;
            }
            if (allAscii) {
                ascii++;
            }
            assertThat(ReceivedRecords.strictUtf8(bytes)).as("bytes %s", Arrays.toString(bytes)).isEqualTo(expected);
        }
        assertThat(ascii).as("ASCII strings tried").isGreaterThan(1_000);
        assertThat(refused).as("malformed strings tried").isGreaterThan(1_000);
        assertThat(ReceivedRecords.strictUtf8("zone é 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("zone é 😀");
    }
}
