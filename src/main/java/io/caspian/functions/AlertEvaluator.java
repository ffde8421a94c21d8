package io.caspian.functions;

import io.caspian.events.Alert;
import io.caspian.events.AlertRule;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.AnalyticsRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Analytics records keyed by {@link #key scope and window}; the rules are broadcast. For each record
 * every applicable rule is checked: a breach with no open episode fires an alert, no breach with an
 * open episode resolves it, so each episode yields exactly one fired and one resolved alert. A figure
 * that is undefined in the window (null) changes nothing. Removing a rule (tombstone or
 * {@code enabled: false}) resolves its open episodes on every key.
 */
public class AlertEvaluator extends KeyedBroadcastProcessFunction<String, AnalyticsRecord, AlertRuleUpdate, Alert> {

    public static final MapStateDescriptor<String, AlertRule> RULES = new MapStateDescriptor<>(
            "alert-rules", Types.STRING, TypeInformation.of(AlertRule.class));
    static final String FIRING_STATE = "firing-alerts";

    /** Kept because removing a rule visits every key's state through the same descriptor. */
    private transient MapStateDescriptor<String, Alert> firingDescriptor;
    private transient MapState<String, Alert> firing;

    public static String key(AnalyticsRecord record) {
        return record.scope() + "|" + record.window();
    }

    @Override
    public void open(OpenContext openContext) {
        firingDescriptor = new MapStateDescriptor<>(FIRING_STATE, Types.STRING, TypeInformation.of(Alert.class));
        firing = getRuntimeContext().getMapState(firingDescriptor);
    }

    @Override
    public void processElement(AnalyticsRecord record, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        for (Map.Entry<String, AlertRule> entry : ctx.getBroadcastState(RULES).immutableEntries()) {
            AlertRule rule = entry.getValue();
            if (!rule.appliesTo(record)) {
                continue;
            }
            Double value = record.figures().get(rule.metric());
            if (value == null) {
                continue;
            }
            Alert open = firing.get(rule.id());
            boolean breached = rule.breached(value);
            if (breached && open == null) {
                Alert fired = new Alert(alertId(rule.id(), record), rule.id(), Alert.FIRED, rule.metric(), value,
                        rule.threshold(), rule.comparator(), rule.severity(), record.scope(), record.window(),
                        record.windowEndMillis());
                firing.put(rule.id(), fired);
                out.collect(fired);
            } else if (!breached && open != null) {
                firing.remove(rule.id());
                out.collect(resolved(open, value, record.windowEndMillis()));
            }
        }
    }

    @Override
    public void processBroadcastElement(AlertRuleUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        if (!update.removal()) {
            ctx.getBroadcastState(RULES).put(update.ruleId(), update.rule());
            return;
        }
        ctx.getBroadcastState(RULES).remove(update.ruleId());
        long now = ctx.timestamp() == null ? ctx.currentWatermark() : ctx.timestamp();
        ctx.applyToKeyedState(firingDescriptor, (key, state) -> {
            Alert open = state.get(update.ruleId());
            if (open != null) {
                state.remove(update.ruleId());
                out.collect(resolved(open, null, Math.max(now, open.timestampMillis())));
            }
        });
    }

    private static Alert resolved(Alert open, Double value, long atMillis) {
        return new Alert(open.alertId(), open.ruleId(), Alert.RESOLVED, open.metric(), value, open.threshold(),
                open.comparator(), open.severity(), open.scope(), open.window(), atMillis);
    }

    /** The same for the same rule, scope, window and firing window, so a replay overwrites. */
    static String alertId(String ruleId, AnalyticsRecord record) {
        String key = ruleId + "|" + record.scope() + "|" + record.window() + "|" + record.windowEndMillis();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
