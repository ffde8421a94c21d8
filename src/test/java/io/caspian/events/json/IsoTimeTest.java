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
}
