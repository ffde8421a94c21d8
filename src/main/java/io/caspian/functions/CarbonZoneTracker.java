package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.CarbonReading;
import io.caspian.events.DeadLetter;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.metrics.ZoneIntensityGauges;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by zone: forwards readings of the configured signal, refuses the other signal (average and
 * marginal intensity are never mixed), and says when a zone's data goes stale and when it returns.
 */
public class CarbonZoneTracker extends KeyedProcessFunction<String, CarbonReading, CarbonReading> {

    static final String LATEST_STATE = "latest-reading-millis";
    static final String STALE_STATE = "stale";
    static final String TIMER_STATE = "stale-timer";

    private final String signal;
    private final long maxAgeMillis;
    private final String sourceName;

    private transient ValueState<Long> latest;
    private transient ValueState<Boolean> stale;
    private transient ValueState<Long> timer;
    private transient Counter deadLetters;
    private transient ZoneIntensityGauges intensity;

    public CarbonZoneTracker(String signal, long maxAgeMillis, String sourceName) {
        this.signal = signal;
        this.maxAgeMillis = maxAgeMillis;
        this.sourceName = sourceName;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>(LATEST_STATE, Long.class));
        stale = getRuntimeContext().getState(new ValueStateDescriptor<>(STALE_STATE, Boolean.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER_STATE, Long.class));
        deadLetters = getRuntimeContext().getMetricGroup().counter(ParseRecords.DEAD_LETTER_COUNTER);
        intensity = new ZoneIntensityGauges(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(CarbonReading reading, Context ctx, Collector<CarbonReading> out) throws Exception {
        if (!signal.equals(reading.signal())) {
            deadLetters.inc();
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(sourceName, -1, -1, reading.timestampMillis(),
                    CarbonReadingJson.write(reading), "signal_mismatch",
                    "zone " + reading.zone() + " sent " + reading.signal() + " intensity; this job decides on "
                            + signal + " intensity and never mixes the two"));
            return;
        }
        out.collect(reading);
        Long previous = latest.value();
        if (previous != null && reading.timestampMillis() <= previous) {
            return;
        }
        latest.update(reading.timestampMillis());
        intensity.record(reading.zone(), reading.intensityGco2PerKwh());
        if (Boolean.TRUE.equals(stale.value())) {
            stale.clear();
            ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.carbonStatus(reading.timestampMillis(),
                    new CarbonDataStatus(reading.zone(), "restored", reading.timestampMillis(), 0)));
        }
        Long pending = timer.value();
        if (pending != null) {
            ctx.timerService().deleteEventTimeTimer(pending);
        }
        long staleAt = reading.timestampMillis() + maxAgeMillis + 1;
        ctx.timerService().registerEventTimeTimer(staleAt);
        timer.update(staleAt);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CarbonReading> out) throws Exception {
        Long last = latest.value();
        timer.clear();
        if (last == null) {
            return;
        }
        stale.update(true);
        intensity.stale(ctx.getCurrentKey());
        ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.carbonStatus(timestamp,
                new CarbonDataStatus(ctx.getCurrentKey(), "stale", last, (timestamp - last) / 60_000.0)));
    }
}
