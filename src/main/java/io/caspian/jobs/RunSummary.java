package io.caspian.jobs;

import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a bounded run did, from its outputs: workloads by outcome, migrations and their cost, and the
 * carbon emitted against the baseline (each workload started at once on its home cluster), both
 * accounted with the measured intensities over the same time.
 */
public record RunSummary(
        int submitted,
        int placed,
        int completed,
        int cancelled,
        int expired,
        int deadlinesMissed,
        int migrations,
        double migrationCostG,
        double migratedDataGb,
        double emittedCo2G,
        double baselineCo2G,
        Map<String, Integer> deadLettersByReason) {

    public static RunSummary of(List<Placement> placements, List<AuditEvent> events, List<DeadLetter> deadLetters) {
        Set<String> submitted = new HashSet<>();
        Set<String> placed = new HashSet<>();
        int completed = 0;
        int cancelled = 0;
        int expired = 0;
        int late = 0;
        double emitted = 0;
        double baseline = 0;
        for (Placement p : placements) {
            submitted.add(p.jobId());
            if (p.gateOpen() || p.scheduledAtMillis() != null) {
                placed.add(p.jobId());
            }
            if (p.phase().terminal()) {
                emitted += p.emittedCo2G();
                baseline += p.baselineCo2G();
                switch (p.phase()) {
                    case COMPLETED -> completed++;
                    case CANCELLED -> cancelled++;
                    case EXPIRED -> expired++;
                    default -> { }
                }
                if (p.phase() == WorkloadPhase.EXPIRED || (p.phase() == WorkloadPhase.COMPLETED
                        && p.endedMillis() != null && p.endedMillis() > p.deadlineMillis())) {
                    late++;
                }
            }
        }
        int migrations = 0;
        double cost = 0;
        double data = 0;
        for (AuditEvent e : events) {
            // this job's own moves; relocations other modules publish on events-in are theirs
            // a move's follow-up (its measured outcome) is the same move again
            if (e.eventType() == AuditEventType.WORKLOAD_RELOCATION && AuditEvent.ORIGIN.equals(e.origin())
                    && !e.relocation().followUp()) {
                migrations++;
                cost += e.relocation().migrationCostG();
                data += e.relocation().dataGb();
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        for (DeadLetter letter : deadLetters) {
            reasons.merge(letter.reason(), 1, Integer::sum);
        }
        return new RunSummary(submitted.size(), placed.size(), completed, cancelled, expired, late, migrations, cost, data,
                emitted, baseline, reasons);
    }

    public double savedCo2G() {
        return baselineCo2G - emittedCo2G;
    }

    public double savedPct() {
        return baselineCo2G > 0 ? 100.0 * savedCo2G() / baselineCo2G : 0;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "workloads: %d submitted, %d placed, %d completed, %d cancelled, %d expired, %d missed their deadline%n",
                submitted, placed, completed, cancelled, expired, deadlinesMissed));
        out.append(String.format(Locale.ROOT, "migrations: %d (cost %.2f gCO2, %.2f GB moved)%n", migrations,
                migrationCostG, migratedDataGb));
        out.append(String.format(Locale.ROOT,
                "carbon: %.1f gCO2 emitted (incl. migrations) against a baseline of %.1f gCO2 "
                        + "(each workload started at once on its home cluster): %.1f gCO2 saved (%.1f %%)%n",
                emittedCo2G, baselineCo2G, savedCo2G(), savedPct()));
        out.append("dead letters: ").append(deadLettersByReason.isEmpty() ? "none" : deadLettersByReason.toString())
                .append(System.lineSeparator());
        return out.toString();
    }
}
