package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Puts the window's bounds, label and scope (the key) on the aggregate's figures. */
public class StampWindow extends ProcessWindowFunction<AnalyticsRecord, AnalyticsRecord, String, TimeWindow> {

    private final String label;

    public StampWindow(String label) {
        this.label = label;
    }

    protected String label() {
        return label;
    }

    @Override
    public void process(String scope, Context context, Iterable<AnalyticsRecord> figures, Collector<AnalyticsRecord> out) {
        for (AnalyticsRecord record : figures) {
            out.collect(record.inWindow(context.window().getStart(), context.window().getEnd(), label, scope));
        }
    }
}
