package io.caspian.optimizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduling round: where and when should each job run so that the carbon of the runs plus the
 * cost of migrations is least, with every site's capacity respected in every slot.
 *
 * <p>A move between two of the round's sites is looked up by the sites' indices: the first question
 * about moves reads the round's migration model once for every pair of sites, and every later one is
 * an array read. A job priced by a model of its own, or running on a cluster that is not one of the
 * sites, is looked up by name in its model, as before; both ways give the same figures.
 */
public final class Problem {

    private final long startMillis;
    private final long slotMillis;
    private final int horizonSlots;
    private final List<Site> sites;
    private final List<Job> jobs;
    private final MigrationCostModel migration;
    /** The round's model by site index: network gCO2 per GB and whether the move is allowed; built when first asked. */
    private double[][] networkPerGb;
    private boolean[][] movable;
    /** Whether every running job's site index names its own cluster, so that the tables may answer for it. */
    private final boolean bySiteIndex;
    /** {@link #bestStarts} by what they depend on; jobs alike in those share one answer. */
    private final Map<StartsKey, BestStarts> bestStarts = new HashMap<>();

    /**
     * Every site's earliest cheapest start for a job, capacity and migration aside, and its carbon (an
     * infinite carbon when the job has no start to weigh).
     */
    public record BestStarts(int[] slot, double[] carbonG) {}

    /** What {@link #carbon} and a job's start window read of a job. */
    private record StartsKey(double durationMinutes, double powerWatts, int firstSlot, int lastSlot) {}

    /** @param startMillis when slot 0 begins (the round's time) */
    public Problem(long startMillis, long slotMillis, int horizonSlots, List<Site> sites, List<Job> jobs,
            MigrationCostModel migration) {
        this.startMillis = startMillis;
        this.slotMillis = slotMillis;
        this.horizonSlots = horizonSlots;
        this.sites = sites;
        this.jobs = jobs;
        this.migration = migration;
        boolean consistent = true;
        for (Job job : jobs) {
            consistent &= !job.running() || job.currentSite() < 0
                    || sites.get(job.currentSite()).name().equals(job.currentCluster());
        }
        this.bySiteIndex = consistent;
    }

    public long startMillis() {
        return startMillis;
    }

    public long slotMillis() {
        return slotMillis;
    }

    public int horizonSlots() {
        return horizonSlots;
    }

    public List<Site> sites() {
        return sites;
    }

    public List<Job> jobs() {
        return jobs;
    }

    public MigrationCostModel migration() {
        return migration;
    }

    public double slotMinutes() {
        return slotMillis / 60_000.0;
    }

    /** Slots a run of this many minutes occupies. */
    public int slotsFor(double durationMinutes) {
        return Math.max(1, (int) Math.ceil(durationMinutes / slotMinutes() - 1e-9));
    }

    /** gCO2 of running the job on the site from the start slot for its whole duration. */
    public double carbon(Job job, int site, int startSlot) {
        Site s = sites.get(site);
        double slotMinutes = slotMinutes();
        int fullSlots = (int) Math.floor(job.durationMinutes() / slotMinutes + 1e-9);
        double lastMinutes = job.durationMinutes() - fullSlots * slotMinutes;
        double gramsPerKwhMinutes = s.sum(startSlot, startSlot + fullSlots) * slotMinutes;
        if (lastMinutes > 1e-9) {
            gramsPerKwhMinutes += s.at(startSlot + fullSlots) * lastMinutes;
        }
        return job.powerWatts() / 1000.0 * gramsPerKwhMinutes / 60.0;
    }


    /**
     * Whether the job may be put on the site at all: its affinity allows it and, when it runs
     * elsewhere, the move is not forbidden.
     */
    public boolean allowed(Job job, int site) {
        if (!job.allowedSites()[site]) {
            return false;
        }
        if (!job.running()) {
            return true;
        }
        int from = indexedSite(job);
        return from >= 0 ? movable[from][site] : migrationOf(job).allowed(job.currentCluster(), sites.get(site).name());
    }

    public double migrationCost(Job job, int site) {
        if (!job.running()) {
            return 0;
        }
        int from = indexedSite(job);
        if (from < 0) {
            return migrationOf(job).cost(job.currentCluster(), sites.get(site).name(), job.dataGb());
        }
        // staying is free, as MigrationCostModel.cost has it; a move is priced by the model itself
        return from == site ? 0.0 : migration.moveCost(networkPerGb[from][site], job.dataGb());
    }

    /**
     * The index of the site a running job is on, when its move is priced by the round's model (then the
     * tables answer for it); else -1. A round whose jobs do not all name their own cluster's site (a
     * caller's mistake) is answered by name throughout.
     */
    private int indexedSite(Job job) {
        int from = job.currentSite();
        if (!bySiteIndex || job.migration() != null || from < 0) {
            return -1;
        }
        if (networkPerGb == null) {
            int n = sites.size();
            networkPerGb = new double[n][n];
            movable = new boolean[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    networkPerGb[a][b] = migration.networkCostPerGb(sites.get(a).name(), sites.get(b).name());
                    movable[a][b] = migration.allowed(sites.get(a).name(), sites.get(b).name());
                }
            }
        }
        return from;
    }

    /** The job's own migration model when its policy sets one, else the problem's. */
    private MigrationCostModel migrationOf(Job job) {
        return job.migration() != null ? job.migration() : migration;
    }

    /**
     * {@link BestStarts} for the job, worked out once per round for all jobs alike in duration, power
     * and start window: a round's decisions show them for every workload.
     */
    public BestStarts bestStarts(Job job) {
        StartsKey key = new StartsKey(job.durationMinutes(), job.powerWatts(), job.firstCandidateSlot(),
                job.lastCandidateSlot(horizonSlots));
        BestStarts known = bestStarts.get(key);
        if (known == null) {
            int[] slot = new int[sites.size()];
            double[] carbon = new double[sites.size()];
            for (int site = 0; site < sites.size(); site++) {
                int best = key.firstSlot();
                double bestCost = Double.POSITIVE_INFINITY;
                for (int t = key.firstSlot(); t <= key.lastSlot(); t++) {
                    double cost = carbon(job, site, t);
                    if (cost < bestCost - 1e-9) {
                        bestCost = cost;
                        best = t;
                    }
                }
                slot[site] = best;
                carbon[site] = bestCost;
            }
            known = new BestStarts(slot, carbon);
            bestStarts.put(key, known);
        }
        return known;
    }

    /** What the optimizer minimises for one choice. */
    public double cost(Job job, int site, int startSlot) {
        return carbon(job, site, startSlot) + migrationCost(job, site);
    }

    /** Number of slots the capacity must be tracked over. */
    public int occupancySlots() {
        int longest = 0;
        for (Job job : jobs) {
            longest = Math.max(longest, slotsFor(job.durationMinutes()));
        }
        return horizonSlots + longest;
    }
}
