package io.caspian.events;

/**
 * What the Kubernetes dispatcher reports about one request, one record per fact: an outcome for the
 * placement rounds, a dead letter for a step that failed, or a move's follow-up relocation event.
 * Async I/O has no side outputs, so the three travel together, named by {@code kind}.
 */
public record DispatchReport(Kind kind, WorkloadEvent outcome, DeadLetter deadLetter, AuditEvent move) {

    public enum Kind {
        OUTCOME,
        DEAD_LETTER,
        MOVE
    }

    public static DispatchReport outcome(WorkloadEvent outcome) {
        return new DispatchReport(Kind.OUTCOME, outcome, null, null);
    }

    public static DispatchReport deadLetter(DeadLetter deadLetter) {
        return new DispatchReport(Kind.DEAD_LETTER, null, deadLetter, null);
    }

    public static DispatchReport move(AuditEvent move) {
        return new DispatchReport(Kind.MOVE, null, null, move);
    }
}
