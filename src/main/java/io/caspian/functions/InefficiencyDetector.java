package io.caspian.functions;

import io.caspian.audit.InefficiencyEpisode;
import io.caspian.audit.InefficiencyRules;
import io.caspian.audit.ZoneIntensities;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by cluster, with the zones' latest carbon readings broadcast. An episode starts with the first
 * update that shows the cluster under-used and ends with the first that does not. Once it has lasted
 * the minimum duration (seen by a later update, or by an event-time timer when the cluster goes quiet)
 * it raises ONE {@code inefficiency_detected} event in state {@code detected}; its end raises one in
 * state {@code resolved} with the totals of the whole episode. The episode's state and timer are
 * cleared when it ends.
 */
public class InefficiencyDetector extends KeyedBroadcastProcessFunction<String, Cluster, CarbonReading, AuditEvent> {

    static final String STATE = "inefficiency-episode";
    /** Broadcast state must be declared where the stream is broadcast, so this one is shared. */
    public static final MapStateDescriptor<String, ZoneIntensities> CARBON_BY_ZONE = new MapStateDescriptor<>(
            "carbon-by-zone", Types.STRING, TypeInformation.of(ZoneIntensities.class));

    private final InefficiencyRules rules;
    private final long carbonMaxAgeMillis;
    private transient ValueState<InefficiencyEpisode> episode;
    private transient Counter raised;

    public InefficiencyDetector(InefficiencyRules rules, long carbonMaxAgeMillis) {
        this.rules = rules;
        this.carbonMaxAgeMillis = carbonMaxAgeMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, InefficiencyEpisode.class));
        raised = getRuntimeContext().getMetricGroup().counter("inefficienciesDetected");
    }

    @Override
    public void processElement(Cluster cluster, ReadOnlyContext ctx, Collector<AuditEvent> out) throws Exception {
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
            if (rules.due(current)) {
                raise(current, ctx, out);
            }
            episode.update(current);
            return;
        }
        if (current.raised) {
            out.collect(AuditEvent.inefficiency(ctx.getCurrentKey(), current.lastMillis,
                    rules.finding(current, InefficiencyRules.RESOLVED)));
        } else {
            ctx.timerService().deleteEventTimeTimer(current.timerMillis);
        }
        episode.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        InefficiencyEpisode current = episode.value();
        if (current == null || current.raised || timestamp != current.timerMillis) {
            return;
        }
        rules.advance(current, timestamp, carbon(ctx, current), carbonMaxAgeMillis);
        raise(current, ctx, out);
        episode.update(current);
    }

    private void raise(InefficiencyEpisode current, ReadOnlyContext ctx, Collector<AuditEvent> out) {
        if (current.timerMillis != 0) {
            ctx.timerService().deleteEventTimeTimer(current.timerMillis);
            current.timerMillis = 0;
        }
        current.raised = true;
        raised.inc();
        out.collect(AuditEvent.inefficiency(ctx.getCurrentKey(), current.lastMillis,
                rules.finding(current, InefficiencyRules.DETECTED)));
    }

    private static ZoneIntensities carbon(ReadOnlyContext ctx, InefficiencyEpisode current) throws Exception {
        ReadOnlyBroadcastState<String, ZoneIntensities> carbon = ctx.getBroadcastState(CARBON_BY_ZONE);
        return carbon.get(current.zone);
    }

    @Override
    public void processBroadcastElement(CarbonReading reading, Context ctx, Collector<AuditEvent> out) throws Exception {
        ZoneIntensities zone = ctx.getBroadcastState(CARBON_BY_ZONE).get(reading.zone());
        if (zone == null) {
            zone = new ZoneIntensities();
        }
        zone.add(reading.timestampMillis(), reading.intensityGco2PerKwh());
        ctx.getBroadcastState(CARBON_BY_ZONE).put(reading.zone(), zone);
    }
}
