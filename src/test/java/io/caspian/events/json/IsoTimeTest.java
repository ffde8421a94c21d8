package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IsoTime} writes exactly what {@link Instant#toString()} writes, on and around every edge. */
class IsoTimeTest {

    @Test
    void writesWhatInstantWrites() {
        long[] edges = {0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
            951_868_800_000L /* 2000-03-01 */, 4_107_542_400_000L /* 2100-03-01 */, 253_402_300_799_999L, 253_402_300_800_000L,
            -1, -86_400_000L, Long.MAX_VALUE / 1000, 1_761_120_000_000L};
        for (long millis : edges) {
            assertThat(IsoTime.of(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long millis = (long) (random.nextDouble() * 253_402_300_800_000L);
            if (i % 3 == 0) {
                millis -= millis % 900_000; // whole slots, as most written times are
            }
            assertThat(IsoTime.of(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        for (long day = 0; day < 400 * 366; day++) { // every day of a 400-year cycle of leap rules
            long millis = day * 86_400_000L + 3_723_004;
            assertThat(IsoTime.of(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }

    /** The general parse the fast path stands in for: what {@code FieldReader.parseTime} did before it. */
    private static Long general(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void readsWhatItWritesAsTheGeneralParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long millis = (long) (random.nextDouble() * 253_402_300_800_000L);
            if (i % 2 == 0) {
                millis -= millis % 1000; // whole seconds: the 20-character shape
            }
            String text = IsoTime.of(millis);
            assertThat(IsoTime.parse(text)).as(text).isEqualTo(millis).isEqualTo(general(text));
        }
        for (long day = 0; day < 400 * 366; day++) { // every day of a 400-year cycle of leap rules
            long millis = day * 86_400_000L + 86_399_999;
            assertThat(IsoTime.parse(IsoTime.of(millis))).isEqualTo(millis);
        }
    }

    @Test
    void leavesEveryOtherTextToTheGeneralParse() {
        String[] others = {"2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
            "2024-12-31T23:59:60Z", "1969-12-31T23:59:59Z", "2024-01-01T00:00:00+09:00", "2024-01-01T00:00:00.5Z",
            "2024-01-01T00:00:00.123456Z", "2024-01-01 00:00:00Z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00z",
            "2024-01-01T0a:00:00Z", "2024-01-01T-1:00:00Z", "2024-01-01T00:00:00.-12Z", "+2024-01-01T00:00:00Z",
            "2024-01-01T00:00Z", "2024-01-01T00:00:00", "", "2024/01/01T00:00:00Z"};
        for (String text : others) {
            assertThat(IsoTime.parse(text)).as(text).isNull();
        }
        // a fast answer is only ever the general one: every one-character change of a valid time, fast or not
        String valid = "2024-02-29T23:59:59.999Z";
        for (int at = 0; at < valid.length(); at++) {
            for (char c : "0123456789-:.TZ +z".toCharArray()) {
                String text = valid.substring(0, at) + c + valid.substring(at + 1);
                Long fast = IsoTime.parse(text);
                if (fast != null) {
                    assertThat(fast).as(text).isEqualTo(general(text));
                }
            }
        }
    }
}
