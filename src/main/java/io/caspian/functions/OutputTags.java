package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.ForecastError;
import io.caspian.events.RoundSummary;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the functions. */
public final class OutputTags {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<AuditEvent> AUDIT_EVENTS = new OutputTag<>("audit-events") {};
    public static final OutputTag<RoundSummary> ROUND_SUMMARIES = new OutputTag<>("round-summaries") {};
    public static final OutputTag<ForecastError> FORECAST_ERRORS = new OutputTag<>("forecast-errors") {};

    private OutputTags() {}
}
