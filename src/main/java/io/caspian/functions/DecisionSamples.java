package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.DecisionSample;
import io.caspian.events.SchedulingDecision;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each {@code scheduling_decision} into a sample for the overall scope and one for its selected
 * cluster. Successful: a cluster was selected and the outcome is not {@code pending}.
 */
public class DecisionSamples implements FlatMapFunction<AuditEvent, DecisionSample> {

    public static final String PENDING = "pending";

    public static boolean successful(SchedulingDecision decision) {
        return decision.selectedCluster() != null && !PENDING.equals(decision.outcome());
    }

    @Override
    public void flatMap(AuditEvent event, Collector<DecisionSample> out) {
        if (event.eventType() != AuditEventType.SCHEDULING_DECISION) {
            return;
        }
        SchedulingDecision decision = event.decision();
        boolean successful = successful(decision);
        out.collect(new DecisionSample(AnalyticsRecord.OVERALL, successful, decision.executionTimeMs(), event.eventId(),
                event.timestampMillis()));
        if (decision.selectedCluster() != null) {
            out.collect(new DecisionSample(decision.selectedCluster(), successful, decision.executionTimeMs(), event.eventId(),
                    event.timestampMillis()));
        }
    }
}
