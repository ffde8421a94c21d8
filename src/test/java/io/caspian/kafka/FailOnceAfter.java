package io.caspian.kafka;

import io.caspian.events.RawRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Test-only: passes records through slowly enough for checkpoints to complete between them, and
 * throws once after {@code failAfter} records, provided a checkpoint has completed by then, so that
 * the restart has a checkpoint to recover from. The flags are static because the whole MiniCluster
 * lives in the test JVM and the restarted instance must see that the failure already happened.
 */
public final class FailOnceAfter implements MapFunction<RawRecord, RawRecord>, CheckpointListener {

    public static final AtomicBoolean FAILED = new AtomicBoolean();
    public static final AtomicBoolean CHECKPOINT_BEFORE_FAILURE = new AtomicBoolean();
    public static final AtomicInteger SEEN = new AtomicInteger();

    private final int failAfter;
    private final long pauseMillis;

    public FailOnceAfter(int failAfter, long pauseMillis) {
        this.failAfter = failAfter;
        this.pauseMillis = pauseMillis;
    }

    public static void reset() {
        FAILED.set(false);
        CHECKPOINT_BEFORE_FAILURE.set(false);
        SEEN.set(0);
    }

    @Override
    public RawRecord map(RawRecord record) throws Exception {
        Thread.sleep(pauseMillis);
        if (SEEN.incrementAndGet() >= failAfter && CHECKPOINT_BEFORE_FAILURE.get() && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after " + failAfter + " records");
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (!FAILED.get()) {
            CHECKPOINT_BEFORE_FAILURE.set(true);
        }
    }
}
