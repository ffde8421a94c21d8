package io.caspian.jobs;

import io.caspian.events.Alert;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.WorkloadEvent;
import io.caspian.workflows.CaspianWorkflow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One of the workflow's outputs, so that a bounded run can collect all of them through one stream.
 * Exactly one field is set.
 */
public record TaggedOutput(Placement placement, AuditEvent auditEvent, DeadLetter deadLetter, AnalyticsRecord analytics,
        Alert alert, RoundSummary roundSummary, WorkloadEvent dispatchOutcome) {

    public static DataStream<TaggedOutput> union(CaspianWorkflow.Outputs outputs) {
        DataStream<TaggedOutput> all = outputsWithoutDispatch(outputs);
        if (outputs.dispatchOutcomes() == null) {
            return all;
        }
        return all.union(outputs.dispatchOutcomes().map(o -> new TaggedOutput(null, null, null, null, null, null, o))
                .name("tag dispatch outcomes").uid("tag-dispatch-outcomes"));
    }

    private static DataStream<TaggedOutput> outputsWithoutDispatch(CaspianWorkflow.Outputs outputs) {
        return outputs.placements().map(p -> new TaggedOutput(p, null, null, null, null, null, null)).name("tag placements").uid("tag-placements")
                .union(outputs.auditEvents().map(e -> new TaggedOutput(null, e, null, null, null, null, null)).name("tag audit events").uid("tag-audit"),
                        outputs.deadLetters().map(d -> new TaggedOutput(null, null, d, null, null, null, null)).name("tag dead letters")
                                .uid("tag-dead-letters"),
                        outputs.analytics().map(a -> new TaggedOutput(null, null, null, a, null, null, null)).name("tag analytics")
                                .uid("tag-analytics"),
                        outputs.alerts().map(a -> new TaggedOutput(null, null, null, null, a, null, null)).name("tag alerts").uid("tag-alerts"),
                        outputs.roundSummaries().map(r -> new TaggedOutput(null, null, null, null, null, r, null)).name("tag round summaries")
                                .uid("tag-round-summaries"));
    }

    public void addTo(CollectedOutputs collected) {
        if (placement != null) {
            collected.placements.add(placement);
        } else if (auditEvent != null) {
            collected.auditEvents.add(auditEvent);
        } else if (deadLetter != null) {
            collected.deadLetters.add(deadLetter);
        } else if (analytics != null) {
            collected.analytics.add(analytics);
        } else if (alert != null) {
            collected.alerts.add(alert);
        } else if (roundSummary != null) {
            collected.roundSummaries.add(roundSummary);
        } else {
            collected.dispatchOutcomes.add(dispatchOutcome);
        }
    }
}
