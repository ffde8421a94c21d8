package io.caspian.jobs;

import io.caspian.events.Alert;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.workflows.CaspianWorkflow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One of the workflow's outputs, so that a bounded run can collect all of them through one stream.
 * Exactly one field is set.
 */
public record TaggedOutput(Placement placement, AuditEvent auditEvent, DeadLetter deadLetter, AnalyticsRecord analytics,
        Alert alert, RoundSummary roundSummary) {

    public static DataStream<TaggedOutput> union(CaspianWorkflow.Outputs outputs) {
        return outputs.placements().map(p -> new TaggedOutput(p, null, null, null, null, null)).name("tag placements").uid("tag-placements")
                .union(outputs.auditEvents().map(e -> new TaggedOutput(null, e, null, null, null, null)).name("tag audit events").uid("tag-audit"),
                        outputs.deadLetters().map(d -> new TaggedOutput(null, null, d, null, null, null)).name("tag dead letters")
                                .uid("tag-dead-letters"),
                        outputs.analytics().map(a -> new TaggedOutput(null, null, null, a, null, null)).name("tag analytics")
                                .uid("tag-analytics"),
                        outputs.alerts().map(a -> new TaggedOutput(null, null, null, null, a, null)).name("tag alerts").uid("tag-alerts"),
                        outputs.roundSummaries().map(r -> new TaggedOutput(null, null, null, null, null, r)).name("tag round summaries")
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
        } else {
            collected.roundSummaries.add(roundSummary);
        }
    }
}
