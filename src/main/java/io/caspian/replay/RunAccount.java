package io.caspian.replay;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one back-test run did to each workload, read from its placements and accounted against the
 * trace: the run's segments (a migration starts a new one), carbon, moves, and whether it finished by
 * its deadline. The job's own ledger is not used here, so that every policy is measured the same way.
 */
public final class RunAccount {

    /** One workload's outcome in a run. */
    public record Outcome(double emittedG, int migrations, double migrationCostG, boolean ran, boolean deadlineMet,
            double unaccountedMinutes, Long startMillis) {}

    private RunAccount() {}

    /**
     * @param clusterZones the zone of every cluster
     */
    public static Map<String, Outcome> outcomes(List<Placement> placements, Map<String, String> clusterZones,
            CarbonTrace trace) {
        Map<String, List<Placement>> byJob = new HashMap<>();
        for (Placement p : placements) {
            byJob.computeIfAbsent(p.jobId(), id -> new ArrayList<>()).add(p);
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        byJob.forEach((job, list) -> outcomes.put(job, outcome(list, clusterZones, trace)));
        return outcomes;
    }

    private static Outcome outcome(List<Placement> list, Map<String, String> clusterZones, CarbonTrace trace) {
        list.sort(Comparator.comparingLong(Placement::roundMillis));
        List<Placement> running = new ArrayList<>();
        Placement terminal = null;
        int migrations = 0;
        double migrationCost = 0;
        for (Placement p : list) {
            if (p.phase().terminal()) {
                terminal = p;
            } else if (p.gateOpen() && p.phase() == WorkloadPhase.RUNNING) {
                running.add(p);
                if (p.previousCluster() != null && !p.previousCluster().equals(p.targetCluster())) {
                    migrations++;
                    migrationCost += p.migrationCostG();
                }
            }
        }
        if (running.isEmpty() || terminal == null || terminal.endedMillis() == null) {
            return new Outcome(0, 0, 0, false, false, 0, null);
        }
        long end = terminal.endedMillis();
        double emitted = migrationCost;
        double unaccounted = 0;
        for (int i = 0; i < running.size(); i++) {
            Placement segment = running.get(i);
            if (i > 0 && segment.targetCluster().equals(running.get(i - 1).targetCluster())) {
                continue; // the same run, re-confirmed by a later round
            }
            long from = segment.roundMillis();
            long to = end;
            for (int k = i + 1; k < running.size(); k++) {
                if (!running.get(k).targetCluster().equals(segment.targetCluster())) {
                    to = Math.min(end, running.get(k).roundMillis());
                    break;
                }
            }
            double grams = trace.grams(clusterZones.get(segment.targetCluster()), segment.powerWatts(), from, to);
            if (Double.isNaN(grams)) {
                unaccounted += (to - from) / 60_000.0;
            } else {
                emitted += grams;
            }
        }
        boolean met = terminal.phase() == WorkloadPhase.COMPLETED && end <= terminal.deadlineMillis();
        return new Outcome(emitted, migrations, migrationCost, true, met, unaccounted, running.get(0).roundMillis());
    }
}
