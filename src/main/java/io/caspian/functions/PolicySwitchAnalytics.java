package io.caspian.functions;

import io.caspian.audit.PolicyFigures;
import io.caspian.audit.PolicySample;
import io.caspian.events.AnalyticsRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Compares each policy switch over equal spans of event time before and after it: once event time has
 * passed the switch by the span, one {@code policy_switch} analytics record carries the figures of
 * {@code [switch − span, switch)} and {@code [switch, switch + span)} side by side with their changes
 * ({@link PolicyFigures#compare}), for alert rules to watch (window label {@value #WINDOW}). Samples are
 * kept for a span and a round behind event time, so the state stays bounded however long the job runs.
 */
public class PolicySwitchAnalytics extends KeyedProcessFunction<String, PolicySample, AnalyticsRecord> {

    /** The window label of switch records, which alert rules name. */
    public static final String WINDOW = "switch";
    public static final String METRIC_GROUP = "policy_switch";

    private final long spanMillis;
    private final long slackMillis;
    private final Double pricePerKwh;
    private transient MapState<Long, PolicySample> samples;
    private transient MapState<Long, PolicySample> switches;
    private transient ValueState<Long> sequence;

    /**
     * @param spanMillis how long before and after a switch is compared
     * @param slackMillis how far behind event time a sample may arrive and still count (a round's interval)
     */
    public PolicySwitchAnalytics(long spanMillis, long slackMillis, Double pricePerKwh) {
        this.spanMillis = spanMillis;
        this.slackMillis = slackMillis;
        this.pricePerKwh = pricePerKwh;
    }

    @Override
    public void open(OpenContext openContext) {
        samples = getRuntimeContext().getMapState(new MapStateDescriptor<>("policy-samples", Types.LONG,
                TypeInformation.of(PolicySample.class)));
        switches = getRuntimeContext().getMapState(new MapStateDescriptor<>("policy-switches", Types.LONG,
                TypeInformation.of(PolicySample.class)));
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>("policy-sample-sequence", Long.class));
    }

    @Override
    public void processElement(PolicySample sample, Context ctx, Collector<AnalyticsRecord> out) throws Exception {
        Long next = sequence.value();
        long seq = next == null ? 0 : next;
        sequence.update(seq + 1);
        if (sample.kind() == PolicySample.Kind.SWITCH) {
            switches.put(seq, sample);
            ctx.timerService().registerEventTimeTimer(sample.atMillis() + spanMillis);
        } else {
            samples.put(seq, sample);
            // a pruning pass once per span of event time
            ctx.timerService().registerEventTimeTimer(Math.floorDiv(sample.atMillis(), spanMillis) * spanMillis + 2 * spanMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnalyticsRecord> out) throws Exception {
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, PolicySample> entry : switches.entries()) {
            PolicySample change = entry.getValue();
            if (change.atMillis() + spanMillis <= timestamp) {
                out.collect(record(change));
                done.add(entry.getKey());
            }
        }
        for (Long key : done) {
            switches.remove(key);
        }
        prune(timestamp);
    }

    private AnalyticsRecord record(PolicySample change) throws Exception {
        long at = change.atMillis();
        List<PolicySample> before = new ArrayList<>();
        List<PolicySample> after = new ArrayList<>();
        for (PolicySample s : samples.values()) {
            if (s.atMillis() >= at - spanMillis && s.atMillis() < at) {
                before.add(s);
            } else if (s.atMillis() >= at && s.atMillis() < at + spanMillis) {
                after.add(s);
            }
        }
        Map<String, Double> figures = new HashMap<>(
                PolicyFigures.compare(PolicyFigures.of(before, pricePerKwh), PolicyFigures.of(after, pricePerKwh)));
        figures.put("from_version", (double) change.previousVersion());
        figures.put("to_version", (double) change.version());
        return new AnalyticsRecord(at - spanMillis, at + spanMillis, WINDOW, AnalyticsRecord.OVERALL, METRIC_GROUP, figures);
    }

    /** Drops samples no switch still to come can compare: older than a span and a round behind event time. */
    private void prune(long now) throws Exception {
        long keepFrom = now - spanMillis - slackMillis;
        for (PolicySample pending : switches.values()) {
            keepFrom = Math.min(keepFrom, pending.atMillis() - spanMillis);
        }
        List<Long> old = new ArrayList<>();
        for (Map.Entry<Long, PolicySample> entry : samples.entries()) {
            if (entry.getValue().atMillis() < keepFrom) {
                old.add(entry.getKey());
            }
        }
        for (Long key : old) {
            samples.remove(key);
        }
    }
}
