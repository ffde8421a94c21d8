package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.DeadLetter;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.metrics.ZoneIntensityGauges;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by zone, with the cluster registrations keyed by their geolocation beside the readings. Only a
 * zone that a registered cluster sits in is tracked: its readings of the configured signal go on, a
 * reading of the other signal is refused (average and marginal intensity are never mixed), and the
 * tracker says when the zone's data goes stale and when it returns. A reading of a zone without a
 * registered cluster passes on untracked: the placement rounds, which apply registrations and readings
 * in event-time order, refuse it there as {@code unknown_zone} unless its cluster's registration of the
 * same instant was only slower to arrive. Here it leaves no gauge, and no state beyond its zone's latest
 * such reading, kept only until event time passes it: if the registration arrives by then, tracking
 * starts from that reading.
 */
public class CarbonZoneTracker extends KeyedCoProcessFunction<String, CarbonReading, Cluster, CarbonReading> {

    static final String LATEST_STATE = "latest-reading-millis";
    static final String TIMER_STATE = "stale-timer";
    static final String CLUSTERS_STATE = "registered-clusters";
    static final String UNREGISTERED_STATE = "unregistered-latest";

    private final String signal;
    private final long maxAgeMillis;
    private final String sourceName;

    private transient ValueState<Long> latest;
    private transient ValueState<Long> timer;
    private transient MapState<String, Boolean> clusters;
    private transient ValueState<CarbonReading> unregistered;
    private transient DeadLetterCounters deadLetters;
    private transient ZoneIntensityGauges intensity;

    public CarbonZoneTracker(String signal, long maxAgeMillis, String sourceName) {
        this.signal = signal;
        this.maxAgeMillis = maxAgeMillis;
        this.sourceName = sourceName;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>(LATEST_STATE, Long.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER_STATE, Long.class));
        clusters = getRuntimeContext().getMapState(new MapStateDescriptor<>(CLUSTERS_STATE, Types.STRING, Types.BOOLEAN));
        unregistered = getRuntimeContext().getState(new ValueStateDescriptor<>(UNREGISTERED_STATE, CarbonReading.class));
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
        intensity = new ZoneIntensityGauges(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement1(CarbonReading reading, Context ctx, Collector<CarbonReading> out) throws Exception {
        if (!signal.equals(reading.signal())) {
            refuse(ctx, reading, "signal_mismatch", "zone " + reading.zone() + " sent " + reading.signal()
                    + " intensity; this job decides on " + signal + " intensity and never mixes the two");
            return;
        }
        out.collect(reading);
        // a zone with a latest reading is registered (its last cluster's end clears it): no scan of the clusters
        Long previous = latest.value();
        if (previous != null || !clusters.isEmpty()) {
            track(reading, previous, ctx);
            return;
        }
        // the rounds decide on it, in event-time order; here only the latest waits for a registration
        CarbonReading held = unregistered.value();
        if (held == null || reading.timestampMillis() > held.timestampMillis()) {
            if (held != null) {
                ctx.timerService().deleteEventTimeTimer(held.timestampMillis());
            }
            unregistered.update(reading.withOrigin(null));
            ctx.timerService().registerEventTimeTimer(reading.timestampMillis());
        }
    }

    /** A registration (or its end) of a cluster in this zone. */
    @Override
    public void processElement2(Cluster cluster, Context ctx, Collector<CarbonReading> out) throws Exception {
        if (cluster.status() == ClusterStatus.DELETED) {
            clusters.remove(cluster.name());
            if (clusters.isEmpty()) {
                forgetZone(ctx);
            }
            return;
        }
        clusters.put(cluster.name(), true);
        CarbonReading held = unregistered.value();
        if (held != null) {
            unregistered.clear();
            ctx.timerService().deleteEventTimeTimer(held.timestampMillis());
            track(held, latest.value(), ctx);
        }
    }

    /**
     * Staleness and the gauge of a registered zone. A zone that is not stale always has its staleness timer
     * pending; a newer reading leaves it where it is, and the timer, when it fires, moves on to the latest
     * reading's deadline if that is later (so a reading costs no timer change, and the zone goes stale at
     * the same instant as with a timer moved at every reading). So a zone is stale exactly when it has a
     * latest reading and no timer: a reading that finds it so restores it.
     */
    private void track(CarbonReading reading, Long previous, Context ctx) throws Exception {
        if (previous != null && reading.timestampMillis() <= previous) {
            return;
        }
        latest.update(reading.timestampMillis());
        intensity.record(reading.zone(), reading.intensityGco2PerKwh());
        if (timer.value() != null) {
            return;
        }
        if (previous != null) {
            ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.carbonStatus(reading.timestampMillis(),
                    new CarbonDataStatus(reading.zone(), "restored", reading.timestampMillis(), 0)));
        }
        long staleAt = staleAt(reading.timestampMillis());
        ctx.timerService().registerEventTimeTimer(staleAt);
        timer.update(staleAt);
    }

    private long staleAt(long readingMillis) {
        return readingMillis + maxAgeMillis + 1;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CarbonReading> out) throws Exception {
        CarbonReading held = unregistered.value();
        if (held != null && held.timestampMillis() <= timestamp) {
            unregistered.clear(); // event time passed it and no cluster registered the zone
        }
        Long staleTimer = timer.value();
        if (staleTimer == null || staleTimer != timestamp) {
            return;
        }
        Long last = latest.value();
        if (last != null && staleAt(last) > timestamp) {
            ctx.timerService().registerEventTimeTimer(staleAt(last)); // a newer reading came since it was set
            timer.update(staleAt(last));
            return;
        }
        timer.clear();
        if (last == null) {
            return;
        }
        intensity.stale(ctx.getCurrentKey());
        ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.carbonStatus(timestamp,
                new CarbonDataStatus(ctx.getCurrentKey(), "stale", last, (timestamp - last) / 60_000.0)));
    }

    /** Zones this subtask has a gauge for (tests). */
    java.util.Set<String> gaugedZones() {
        return intensity.zones();
    }

    /** The zone's last cluster is gone: nothing of it is kept. */
    private void forgetZone(Context ctx) throws Exception {
        Long pending = timer.value();
        if (pending != null) {
            ctx.timerService().deleteEventTimeTimer(pending);
        }
        if (latest.value() != null) {
            intensity.stale(ctx.getCurrentKey());
        }
        latest.clear();
        timer.clear();
    }

    private void refuse(Context ctx, CarbonReading reading, String reason, String detail) {
        deadLetters.count(reason);
        DeadLetter letter = reading.origin() != null
                ? DeadLetter.of(reading.origin(), reading.timestampMillis(), DeadLetter.ZONE_TRACKER, reason, detail)
                : DeadLetter.generated(sourceName, reading.timestampMillis(), CarbonReadingJson.write(reading),
                        DeadLetter.ZONE_TRACKER, reason, detail);
        ctx.output(OutputTags.DEAD_LETTERS, letter);
    }
}
