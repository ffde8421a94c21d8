package io.caspian.functions;

import io.caspian.events.DispatchReport;
import io.caspian.events.WorkloadEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The dispatcher's reports apart: outcomes on the main output, dead letters and moves' follow-ups on side outputs. */
public class SplitDispatchReports extends ProcessFunction<DispatchReport, WorkloadEvent> {

    @Override
    public void processElement(DispatchReport report, Context ctx, Collector<WorkloadEvent> out) {
        switch (report.kind()) {
            case OUTCOME -> out.collect(report.outcome());
            case DEAD_LETTER -> ctx.output(OutputTags.DEAD_LETTERS, report.deadLetter());
            case MOVE -> ctx.output(OutputTags.AUDIT_EVENTS, report.move());
        }
    }
}
