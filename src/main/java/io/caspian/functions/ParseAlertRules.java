package io.caspian.functions;

import io.caspian.audit.AnalyticsFigures;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.DeadLetter;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.json.AlertRuleJson;
import io.caspian.events.json.InvalidRecordException;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses alert-rule records; an invalid rule goes to the dead letters with the reason and is counted. */
public class ParseAlertRules extends ProcessFunction<KeyedRawRecord, AlertRuleUpdate> {

    private final List<String> windows;
    private transient List<String> metrics;
    private transient Counter deadLetters;

    public ParseAlertRules(List<String> windows) {
        this.windows = List.copyOf(windows);
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = AnalyticsFigures.all();
        deadLetters = getRuntimeContext().getMetricGroup().counter(ParseRecords.DEAD_LETTER_COUNTER);
    }

    @Override
    public void processElement(KeyedRawRecord raw, Context ctx, Collector<AlertRuleUpdate> out) {
        try {
            out.collect(AlertRuleJson.parse(raw.key(), raw.payload(), metrics, windows));
        } catch (InvalidRecordException e) {
            deadLetters.inc();
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(raw.source(), raw.partition(), raw.offset(),
                    raw.timestampMillis(), raw.payload(), e.reason(), e.getMessage()));
        }
    }
}
