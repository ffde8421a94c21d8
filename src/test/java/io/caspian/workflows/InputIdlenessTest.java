package io.caspian.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class InputIdlenessTest {

    private static final Duration OUT_OF_ORDER = Duration.ofSeconds(30);
    private static final InputIdleness IDLENESS = new InputIdleness(Duration.ofMinutes(10), Duration.ofSeconds(2));

    private final ManualClock clock = new ManualClock();
    private final Recorded output = new Recorded();

    @Test
    void anInputWithoutRecordsHoldsForTheWaitBeforeDataThenCountsAsIdle() {
        WatermarkGenerator<String> generator = IDLENESS.generator(OUT_OF_ORDER, clock);

        generator.onPeriodicEmit(output);
        assertIdleOnlyAfter(generator, Duration.ofMinutes(10)); // well past the wait after data
    }

    @Test
    void aFedInputCountsAsIdleAfterTheShortQuietAndComesBackWithItsNextRecord() {
        WatermarkGenerator<String> generator = IDLENESS.generator(OUT_OF_ORDER, clock);
        generator.onPeriodicEmit(output);
        clock.advanceTime(Duration.ofSeconds(5));

        assertActiveAfterARecordAt(generator, 1_000_000L);
        assertIdleOnlyAfter(generator, Duration.ofSeconds(2));

        assertActiveAfterARecordAt(generator, 2_000_000L);
    }

    @Test
    void anInputWithNothingToReadAtTheStartWaitsForNoOneUntilItsFirstRecord() {
        WatermarkGenerator<String> generator = IDLENESS.withoutWaitForData().generator(OUT_OF_ORDER, clock);

        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        assertActiveAfterARecordAt(generator, 3_000_000L);
    }

    @Test
    void theWaitAfterDataMustBePositive() {
        assertThatThrownBy(() -> new InputIdleness(Duration.ofMinutes(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Quiet for 100 ms less than the wait, the input still holds; at the wait, it counts as idle. */
    private void assertIdleOnlyAfter(WatermarkGenerator<String> generator, Duration wait) {
        clock.advanceTime(wait.minusMillis(100));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("quiet for %s less 100 ms", wait).isFalse();
        clock.advanceTime(Duration.ofMillis(100));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("quiet for %s", wait).isTrue();
    }

    /** A record at this event time makes the input active, its watermark the record's time less the out-of-orderness. */
    private void assertActiveAfterARecordAt(WatermarkGenerator<String> generator, long eventMillis) {
        generator.onEvent("record", eventMillis, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(eventMillis - OUT_OF_ORDER.toMillis() - 1);
    }

    /** What a generator emitted: its watermarks, and whether it last said its input was idle. */
    private static final class Recorded implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
