package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.DeadLetter;
import io.caspian.events.DecisionSample;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * A decision published on events-in after the watermark closed its analytics window is still in the
 * audit stream, but no longer in that window's figures. Says so on the dead letters, once per decision
 * (from its overall sample) and window, and counts it.
 */
public class LateDecisions extends RichFlatMapFunction<DecisionSample, DeadLetter> {

    public static final String REASON = "late_for_analytics";
    public static final String SOURCE = "analytics";

    private final String window;
    private transient Counter late;

    public LateDecisions(String window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateDecisions");
    }

    @Override
    public void flatMap(DecisionSample sample, Collector<DeadLetter> out) {
        if (!AnalyticsRecord.OVERALL.equals(sample.scope())) {
            return;
        }
        late.inc();
        out.collect(DeadLetter.generated(SOURCE, sample.timestampMillis(), sample.eventId(), DeadLetter.ANALYTICS, REASON,
                "scheduling decision " + sample.eventId() + " at " + Instant.ofEpochMilli(sample.timestampMillis())
                        + " arrived after its " + window + " analytics window closed: it is in the audit stream but not in"
                        + " that window's figures"));
    }
}
