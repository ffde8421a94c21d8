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

    private final ManualClock clock = new ManualClock();
    private final Recorded output = new Recorded();

    @Test
    void anInputWithoutRecordsHoldsForTheWaitBeforeDataThenCountsAsIdle() {
        WatermarkGenerator<String> generator = new InputIdleness(Duration.ofMinutes(10), Duration.ofSeconds(2))
                .generator(OUT_OF_ORDER, clock);

        generator.onPeriodicEmit(output);
        clock.advanceTime(Duration.ofMinutes(9));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("nine minutes without a record, well past the wait after data").isFalse();

        clock.advanceTime(Duration.ofMinutes(1));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
    }

    @Test
    void aFedInputCountsAsIdleAfterTheShortQuietAndComesBackWithItsNextRecord() {
        WatermarkGenerator<String> generator = new InputIdleness(Duration.ofMinutes(10), Duration.ofSeconds(2))
                .generator(OUT_OF_ORDER, clock);
        generator.onPeriodicEmit(output);
        clock.advanceTime(Duration.ofSeconds(5));

        generator.onEvent("reading", 1_000_000L, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(1_000_000L - OUT_OF_ORDER.toMillis() - 1);

        clock.advanceTime(Duration.ofMillis(1_900));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("quiet for 1.9 s of 2").isFalse();
        clock.advanceTime(Duration.ofMillis(100));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        generator.onEvent("reading", 2_000_000L, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(2_000_000L - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void anInputWithNothingToReadAtTheStartWaitsForNoOneUntilItsFirstRecord() {
        WatermarkGenerator<String> generator = new InputIdleness(Duration.ofMinutes(10), Duration.ofSeconds(2))
                .withoutWaitForData().generator(OUT_OF_ORDER, clock);

        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        generator.onEvent("policy", 3_000_000L, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(3_000_000L - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void theWaitAfterDataMustBePositive() {
        assertThatThrownBy(() -> new InputIdleness(Duration.ofMinutes(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
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
