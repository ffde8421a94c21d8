package io.caspian.testing;

import io.caspian.events.RawRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A source that emits a fixed list of records and then stays open until the job is cancelled, so
 * that a test can read a running job's metrics after the whole scenario has been processed (a
 * finished job's metrics are gone from the reporters). The records live in a static registry: the
 * MiniCluster runs in the test's JVM.
 */
public final class OpenEndedSource {

    private static final Map<String, List<RawRecord>> RECORDS = new ConcurrentHashMap<>();
    private static final long IDLE_SLEEP_MILLIS = 50;

    private OpenEndedSource() {}

    public static DataGeneratorSource<RawRecord> of(String name, List<RawRecord> records) {
        RECORDS.put(name, List.copyOf(records));
        return new DataGeneratorSource<>(new Emit(name), Long.MAX_VALUE, RateLimiterStrategy.noOp(),
                TypeInformation.of(RawRecord.class));
    }

    private static final class Emit implements GeneratorFunction<Long, RawRecord> {
        private final String name;

        Emit(String name) {
            this.name = name;
        }

        @Override
        public RawRecord map(Long index) throws Exception {
            List<RawRecord> records = RECORDS.get(name);
            if (index < records.size()) {
                return records.get(index.intValue());
            }
            // the scenario is over: hold the source open until cancellation interrupts the task
            while (true) {
                Thread.sleep(IDLE_SLEEP_MILLIS);
            }
        }
    }
}
