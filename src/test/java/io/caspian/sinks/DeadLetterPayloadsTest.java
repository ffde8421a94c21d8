package io.caspian.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.DeadLetter;
import io.caspian.events.RawRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeadLetterPayloadsTest {

    @Test
    void aLongPayloadKeepsItsHeadItsSizeAndTheHashOfTheWhole() throws Exception {
        String payload = "{\"job_id\":\"" + "x".repeat(200_000) + "\"}";
        DeadLetter letter = DeadLetter.of(new RawRecord("caspian.workloads", 0, 9, 0, payload), DeadLetter.PARSE, "oversized", "too big");
        DeadLetter bounded = DeadLetterPayloads.bounded(letter);
        assertThat(bounded.payload()).hasSize(DeadLetterPayloads.MAX_PAYLOAD_CHARS).isEqualTo(payload.substring(0, 65536));
        assertThat(bounded.payloadBytes()).isEqualTo(payload.length());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(bounded.payloadSha256()).isEqualTo(expected);
        assertThat(bounded.detail()).startsWith("too big (payload cut to its first 65536 of");
        assertThat(bounded.offset()).isEqualTo(9);
    }

    @Test
    void aShortPayloadIsLeftAlone() {
        DeadLetter letter = DeadLetter.of(new RawRecord("t", 0, 1, 0, "{bad"), DeadLetter.PARSE, "invalid_json", "not JSON");
        assertThat(DeadLetterPayloads.bounded(letter)).isSameAs(letter);
        assertThat(letter.payloadBytes()).isEqualTo(4);
        assertThat(letter.payloadSha256()).isNull();
    }

    @Test
    void theHashOfBase64IsTheHashOfTheBytesAsReceived() throws Exception {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
        DeadLetter letter = DeadLetter.of(new RawRecord("t", 0, 1, 0, base64, RawRecord.BASE64, bytes.length), DeadLetter.PARSE,
                "invalid_encoding", "not UTF-8");
        assertThat(DeadLetterPayloads.bounded(letter).payloadSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
}
