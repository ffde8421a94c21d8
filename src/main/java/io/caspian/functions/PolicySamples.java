package io.caspian.functions;

import io.caspian.audit.PolicySample;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.SlaSample;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.util.Collector;

/** The facts the policy comparison reads, from the streams that carry them. */
public final class PolicySamples {

    private PolicySamples() {}

    /** A round summary's accounted interval, placed at the interval's start. */
    public static MapFunction<RoundSummary, PolicySample> intervals(long intervalMillis) {
        return s -> PolicySample.interval(s.roundMillis() - intervalMillis, s.policyVersion(), s.emittedCo2G(), s.baselineCo2G(),
                s.migrationCostG(), s.energyKwh());
    }

    /** This job's own decisions (their latency) and its policy switches. */
    public static class FromAudit implements FlatMapFunction<AuditEvent, PolicySample> {
        @Override
        public void flatMap(AuditEvent event, Collector<PolicySample> out) {
            if (event.eventType() == AuditEventType.POLICY_CHANGE) {
                out.collect(PolicySample.change(event.policyChange().effectiveRoundMillis(), event.policyChange().version(),
                        event.policyChange().previousVersion()));
            } else if (event.eventType() == AuditEventType.SCHEDULING_DECISION && AuditEvent.ORIGIN.equals(event.origin())
                    && event.decision().policyVersion() != null) {
                out.collect(PolicySample.decision(event.decision().roundMillis(), event.decision().policyVersion(),
                        event.decision().executionTimeMs()));
            }
        }
    }

    /** Completed and expired workloads, as the SLA analytics count them. */
    public static class Ended implements FlatMapFunction<Placement, PolicySample> {
        @Override
        public void flatMap(Placement placement, Collector<PolicySample> out) {
            SlaSample sla = SlaSamples.sample(placement, null);
            if (sla != null) {
                out.collect(PolicySample.ended(placement.endedMillis(), placement.policyVersion(), sla.deadlineMet()));
            }
        }
    }
}
