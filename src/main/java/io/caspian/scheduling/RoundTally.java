package io.caspian.scheduling;

import io.caspian.events.Cluster;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.WorkloadPhase;
import io.caspian.optimizer.EnergyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up one round of one domain into its {@link RoundSummary}: every workload's plan after the round
 * (published or not) and what it emitted since the previous round, as the ledger accounted it. A
 * workload's interval is counted in the overall figures, and in its cluster's once it was dispatched.
 */
public final class RoundTally {

    private final long round;
    private final Map<String, Row> rows = new TreeMap<>();
    private final Row overall = new Row(null);
    private int pending;
    private int held;
    private int running;
    private int ended;

    /** @param clusters the domain's clusters: each has a row, with or without workloads */
    public RoundTally(long round, Map<String, Cluster> clusters) {
        this.round = round;
        clusters.forEach((name, cluster) -> rows.put(name, new Row(cluster.geolocation())));
    }

    /**
     * @param placement the workload's plan after this round, or its terminal record
     * @param before the workload as the previous round left it; null when it arrived in this round
     * @param previousRound the start of the interval this round closes
     */
    public void add(Placement placement, WorkloadState before, long previousRound) {
        WorkloadPhase phase = placement.phase();
        if (phase.terminal()) {
            ended++;
        } else if (phase == WorkloadPhase.RUNNING) {
            running++;
        } else {
            pending++;
            if (placement.startSlot() > 0) {
                held++;
            }
        }
        String target = placement.targetCluster();
        if (target != null && !phase.terminal()) {
            Row row = row(target, placement.zone());
            row.plannedCo2G += placement.estimatedCo2G();
            if (phase == WorkloadPhase.RUNNING && placement.gateOpen()) {
                row.workloads++;
                row.powerWatts += placement.powerWatts();
            }
        }
        double emitted = placement.emittedCo2G() - (before == null ? 0 : before.emittedCo2G);
        double baseline = placement.baselineCo2G() - (before == null ? 0 : before.baselineCo2G);
        double energy = energyKwh(placement, before == null ? null : previousRound);
        overall.account(emitted, baseline, placement.migrationCostG(), energy);
        if (target != null && placement.scheduledAtMillis() != null) {
            row(target, placement.zone()).account(emitted, baseline, placement.migrationCostG(), energy);
        }
    }

    /** Energy of the run between the previous round (or its dispatch) and this round (or its end). */
    static double energyKwh(Placement p, Long previousRound) {
        if (p.scheduledAtMillis() == null) {
            return 0;
        }
        long from = Math.max(p.scheduledAtMillis(), previousRound == null ? Long.MIN_VALUE : previousRound);
        long to = p.endedMillis() == null ? p.roundMillis() : Math.min(p.roundMillis(), p.endedMillis());
        return to <= from ? 0 : EnergyModel.energyKwh(p.powerWatts(), (to - from) / 60_000.0);
    }

    private Row row(String cluster, String zone) {
        return rows.computeIfAbsent(cluster, name -> new Row(zone));
    }

    public RoundSummary summary(String domain, String solver, long solverMillis, int published, long policyVersion) {
        List<RoundSummary.ClusterRound> clusters = new ArrayList<>(rows.size());
        rows.forEach((name, r) -> clusters.add(new RoundSummary.ClusterRound(name, r.zone, r.workloads, r.accounted, r.powerWatts,
                r.plannedCo2G, r.emittedCo2G, r.baselineCo2G, r.migrationCostG, r.energyKwh)));
        return new RoundSummary(domain, round, solver, solverMillis, pending, held, running, ended, published, overall.emittedCo2G,
                overall.baselineCo2G, overall.migrationCostG, overall.energyKwh, policyVersion,
                clusters);
    }

    /** The running sums of one cluster (or of the whole domain). */
    private static final class Row {
        final String zone;
        int workloads;
        int accounted;
        double powerWatts;
        double plannedCo2G;
        double emittedCo2G;
        double baselineCo2G;
        double migrationCostG;
        double energyKwh;

        Row(String zone) {
            this.zone = zone;
        }

        void account(double emitted, double baseline, double migration, double energy) {
            accounted++;
            emittedCo2G += emitted;
            baselineCo2G += baseline;
            migrationCostG += migration;
            energyKwh += energy;
        }
    }
}
