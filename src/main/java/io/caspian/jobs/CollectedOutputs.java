package io.caspian.jobs;

import io.caspian.events.Alert;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import java.util.ArrayList;
import java.util.List;

/** Every record a bounded local run produced, in arrival order. */
public final class CollectedOutputs {
    public final List<Placement> placements = new ArrayList<>();
    public final List<AuditEvent> auditEvents = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<AnalyticsRecord> analytics = new ArrayList<>();
    public final List<Alert> alerts = new ArrayList<>();
    public final List<RoundSummary> roundSummaries = new ArrayList<>();
    /** The Kubernetes dispatcher's outcomes, when dispatch is on. */
    public final List<io.caspian.events.WorkloadEvent> dispatchOutcomes = new ArrayList<>();

    public RunSummary summary() {
        return RunSummary.of(placements, auditEvents, deadLetters);
    }
}
