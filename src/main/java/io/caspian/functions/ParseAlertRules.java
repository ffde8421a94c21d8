package io.caspian.functions;

import io.caspian.audit.AnalyticsFigures;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.DeadLetter;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.json.AlertRuleJson;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.validation.InputLimits;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses alert-rule records; an invalid rule goes to the dead letters with the reason and is counted. */
public class ParseAlertRules extends ProcessFunction<KeyedRawRecord, AlertRuleUpdate> {

    private final List<String> windows;
    private final InputLimits limits;
    private transient List<String> metrics;
    private transient DeadLetterCounters deadLetters;

    public ParseAlertRules(List<String> windows, InputLimits limits) {
        this.windows = List.copyOf(windows);
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = AnalyticsFigures.all();
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(KeyedRawRecord raw, Context ctx, Collector<AlertRuleUpdate> out) {
        try {
            limits.checkReceived(raw.record());
            AlertRuleUpdate update = AlertRuleJson.parse(raw.key(), raw.payload(), metrics, windows);
            limits.checkRuleId(update.ruleId());
            if (update.rule() != null && update.rule().scope() != null) {
                limits.identifier("scope", update.rule().scope());
            }
            out.collect(update);
        } catch (InvalidRecordException e) {
            deadLetters.count(e.reason());
            ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.of(raw.record(), DeadLetter.PARSE, e.reason(), e.getMessage()));
        }
    }
}
