package io.caspian.functions;

import io.caspian.audit.InefficiencyEpisode;
import io.caspian.audit.InefficiencyRules;
import io.caspian.audit.ZoneIntensities;
import io.caspian.audit.ZoneReadings;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by cluster, with the zones' carbon readings broadcast. Cluster updates wait in state until the
 * watermark passes them, so that the carbon readings of their time have arrived on the broadcast side
 * and episodes do not depend on which input ran ahead. An episode starts with the first update that
 * shows the cluster under-used and ends with the first that does not. Once it has lasted the minimum
 * duration (its event-time timer) it raises ONE {@code inefficiency_detected} event in state
 * {@code detected}; its end raises one in state {@code resolved} with the totals of the whole episode.
 * The episode's state is cleared when it ends; a due timer of an episode that ended early fires once
 * and finds nothing to do (deleting it could drop an update's timer at the same instant).
 */
public class InefficiencyDetector extends KeyedBroadcastProcessFunction<String, Cluster, CarbonReading, AuditEvent> {

    static final String STATE = "inefficiency-episode";
    static final String PENDING_STATE = "pending-cluster-updates";
    /**
     * Each zone's readings. Broadcast state must be declared where the stream is broadcast, so the
     * descriptors are shared ({@link #BROADCAST_STATES}).
     */
    public static final MapStateDescriptor<String, ZoneReadings> READINGS_BY_ZONE = new MapStateDescriptor<>(
            "zone-readings", StringSerializer.INSTANCE, ZoneReadings.Serializer.INSTANCE);
    /**
     * The readings as a savepoint taken before {@link ZoneReadings} holds them: restored, read until the
     * first reading arrives, then moved into {@link #READINGS_BY_ZONE} and cleared.
     */
    public static final MapStateDescriptor<String, ZoneIntensities> CARBON_BY_ZONE = new MapStateDescriptor<>(
            "carbon-by-zone", Types.STRING, TypeInformation.of(ZoneIntensities.class));
    /** The broadcast states, as the carbon stream is broadcast with them. */
    public static final MapStateDescriptor<?, ?>[] BROADCAST_STATES = {READINGS_BY_ZONE, CARBON_BY_ZONE};

    private final InefficiencyRules rules;
    private final long carbonMaxAgeMillis;
    private transient ValueState<InefficiencyEpisode> episode;
    private transient MapState<Long, Cluster> pending;
    private transient Counter raised;
    /** Whether this instance has moved the restored {@link #CARBON_BY_ZONE} into {@link #READINGS_BY_ZONE}. */
    private transient boolean takenOver;

    public InefficiencyDetector(InefficiencyRules rules, long carbonMaxAgeMillis) {
        this.rules = rules;
        this.carbonMaxAgeMillis = carbonMaxAgeMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, InefficiencyEpisode.class));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(PENDING_STATE, Types.LONG,
                TypeInformation.of(Cluster.class)));
        raised = getRuntimeContext().getMetricGroup().counter("inefficienciesDetected");
    }

    @Override
    public void processElement(Cluster cluster, ReadOnlyContext ctx, Collector<AuditEvent> out) throws Exception {
        pending.put(cluster.timestampMillis(), cluster);
        ctx.timerService().registerEventTimeTimer(cluster.timestampMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        InefficiencyEpisode current = episode.value();
        if (current != null && !current.raised && timestamp == current.timerMillis) {
            rules.advance(current, timestamp, carbon(ctx, current), carbonMaxAgeMillis);
            raise(current, ctx, out);
            episode.update(current);
        }
        Cluster update = pending.get(timestamp);
        if (update != null) {
            pending.remove(timestamp);
            apply(update, ctx, out);
        }
    }

    private void apply(Cluster cluster, ReadOnlyContext ctx, Collector<AuditEvent> out) throws Exception {
        InefficiencyEpisode current = episode.value();
        boolean underUsed = rules.underUsed(cluster);
        if (current == null) {
            if (underUsed) {
                current = rules.start(cluster);
                current.timerMillis = current.startMillis + rules.minDurationMillis();
                ctx.timerService().registerEventTimeTimer(current.timerMillis);
                episode.update(current);
            }
            return;
        }
        rules.advance(current, cluster.timestampMillis(), carbon(ctx, current), carbonMaxAgeMillis);
        if (underUsed) {
            InefficiencyRules.observe(current, cluster);
            episode.update(current);
            return;
        }
        if (current.raised) {
            out.collect(AuditEvent.inefficiency(ctx.getCurrentKey(), current.lastMillis,
                    rules.finding(current, InefficiencyRules.RESOLVED)));
        }
        episode.clear();
    }

    private void raise(InefficiencyEpisode current, ReadOnlyContext ctx, Collector<AuditEvent> out) {
        current.raised = true;
        raised.inc();
        out.collect(AuditEvent.inefficiency(ctx.getCurrentKey(), current.lastMillis,
                rules.finding(current, InefficiencyRules.DETECTED)));
    }

    private static ZoneReadings carbon(ReadOnlyContext ctx, InefficiencyEpisode current) throws Exception {
        ZoneReadings readings = ctx.getBroadcastState(READINGS_BY_ZONE).get(current.zone);
        if (readings != null) {
            return readings;
        }
        ReadOnlyBroadcastState<String, ZoneIntensities> restored = ctx.getBroadcastState(CARBON_BY_ZONE);
        ZoneIntensities kept = restored.get(current.zone);
        return kept == null ? null : ZoneReadings.of(kept);
    }

    @Override
    public void processBroadcastElement(CarbonReading reading, Context ctx, Collector<AuditEvent> out) throws Exception {
        BroadcastState<String, ZoneReadings> readings = ctx.getBroadcastState(READINGS_BY_ZONE);
        if (!takenOver) {
            takeOver(ctx.getBroadcastState(CARBON_BY_ZONE), readings);
        }
        ZoneReadings zone = readings.get(reading.zone());
        if (zone == null) {
            zone = new ZoneReadings();
        }
        zone.add(reading.timestampMillis(), reading.intensityGco2PerKwh());
        readings.put(reading.zone(), zone);
    }

    /** Moves readings restored in the former form into the present one (every subtask holds the same). */
    private void takeOver(BroadcastState<String, ZoneIntensities> restored, BroadcastState<String, ZoneReadings> readings)
            throws Exception {
        for (Map.Entry<String, ZoneIntensities> zone : restored.entries()) {
            if (!readings.contains(zone.getKey())) {
                readings.put(zone.getKey(), ZoneReadings.of(zone.getValue()));
            }
        }
        restored.clear();
        takenOver = true;
    }
}
