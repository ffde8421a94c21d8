package io.caspian.workflows;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * When a quiet input stops holding event time back. Two waits, since the two silences mean different
 * things:
 * <ul>
 *   <li>before its first record, an input holds event time for {@code beforeData}: its topic may be read
 *       by a reader still starting, or fed just after the job (a fleet's registrations must not come late
 *       behind readings that another input already passed on); zero for an input whose topic had
 *       nothing to read at the start, which then waits for no one;</li>
 *   <li>once it has had a record, an input that stays quiet for {@code afterData} counts as idle until
 *       its next record: it said what it had, and the other inputs move event time on.</li>
 * </ul>
 * The wait runs on the task's input-activity clock, which stands still while the task is back-pressured,
 * so a slow job does not make its inputs idle.
 */
public record InputIdleness(Duration beforeData, Duration afterData) implements Serializable {

    public InputIdleness {
        if (beforeData.isNegative() || afterData.isNegative() || afterData.isZero()) {
            throw new IllegalArgumentException("idleness before data must be >= 0 and after data > 0, got " + beforeData
                    + " and " + afterData);
        }
    }

    /** The same wait after data, and none before it: for an input whose topic had nothing to read at the start. */
    public InputIdleness withoutWaitForData() {
        return new InputIdleness(Duration.ZERO, afterData);
    }

    /** A bounded-out-of-orderness generator that marks its input idle after these waits. */
    public <T> WatermarkGenerator<T> generator(Duration maxOutOfOrderness, RelativeClock clock) {
        return new Generator<>(new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness), clock, beforeData.toNanos(),
                afterData.toNanos());
    }

    /** Counts records rather than reading the clock per record; the periodic emit notices the count move. */
    static final class Generator<T> implements WatermarkGenerator<T> {
        private final WatermarkGenerator<T> watermarks;
        private final RelativeClock clock;
        private final long beforeDataNanos;
        private final long afterDataNanos;
        private long records;
        private long recordsAtLastCheck;
        private long quietSinceNanos = -1;

        Generator(WatermarkGenerator<T> watermarks, RelativeClock clock, long beforeDataNanos, long afterDataNanos) {
            this.watermarks = watermarks;
            this.clock = clock;
            this.beforeDataNanos = beforeDataNanos;
            this.afterDataNanos = afterDataNanos;
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            records++;
            watermarks.onEvent(event, eventTimestamp, output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.relativeTimeNanos();
            if (quietSinceNanos < 0 || records != recordsAtLastCheck) {
                quietSinceNanos = now;
                recordsAtLastCheck = records;
            }
            long wait = records == 0 ? beforeDataNanos : afterDataNanos;
            if (now - quietSinceNanos >= wait) {
                output.markIdle();
            } else {
                watermarks.onPeriodicEmit(output);
            }
        }
    }
}
