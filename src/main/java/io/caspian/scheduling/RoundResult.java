package io.caspian.scheduling;

import io.caspian.events.AuditEvent;
import io.caspian.events.Placement;
import java.util.List;

/** What one round produced: a placement per workload it planned, and the decisions that changed. */
public record RoundResult(List<Placement> placements, List<AuditEvent> decisions, String solver, long elapsedMillis) {}
