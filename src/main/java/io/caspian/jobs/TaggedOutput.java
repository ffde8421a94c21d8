package io.caspian.jobs;

import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.workflows.CaspianWorkflow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One of the workflow's outputs, so that a bounded run can collect all of them through one stream.
 * Exactly one field is set.
 */
public record TaggedOutput(Placement placement, AuditEvent auditEvent, DeadLetter deadLetter) {

    public static DataStream<TaggedOutput> union(CaspianWorkflow.Outputs outputs) {
        return outputs.placements().map(p -> new TaggedOutput(p, null, null)).name("tag placements").uid("tag-placements")
                .union(outputs.auditEvents().map(e -> new TaggedOutput(null, e, null)).name("tag audit events").uid("tag-audit"),
                        outputs.deadLetters().map(d -> new TaggedOutput(null, null, d)).name("tag dead letters").uid("tag-dead-letters"));
    }

    public void addTo(CollectedOutputs collected) {
        if (placement != null) {
            collected.placements.add(placement);
        } else if (auditEvent != null) {
            collected.auditEvents.add(auditEvent);
        } else {
            collected.deadLetters.add(deadLetter);
        }
    }
}
