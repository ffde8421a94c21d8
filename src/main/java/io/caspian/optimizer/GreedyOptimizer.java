package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A fast heuristic in three passes. Running jobs first keep their place (they fit there before); then
 * each running job in turn is lifted and put back at its cheapest choice, which moves it only when
 * the carbon saved exceeds the migration cost; then the pending jobs (and any running job whose
 * cluster cannot keep it), by least slack and then most energy, each take their cheapest (site,
 * start slot) among those with capacity for the whole run.
 */
public final class GreedyOptimizer implements Optimizer {

    public static final String NAME = "greedy";

    @Override
    public Plan solve(Problem problem, Plan warmStart) {
        long started = System.nanoTime();
        List<Job> jobs = problem.jobs();
        Assignment[] assignments = new Assignment[jobs.size()];
        Occupancy occupancy = new Occupancy(problem);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job.running() && job.currentSite() >= 0 && occupancy.fits(job, job.currentSite(), 0)) {
                occupancy.add(job, job.currentSite(), 0);
                kept.add(i);
            }
        }
        for (int i : kept) {
            Job job = jobs.get(i);
            occupancy.remove(job, job.currentSite(), 0);
            assignments[i] = place(problem, job, occupancy);
        }
        for (int i : order(problem)) {
            if (assignments[i] == null) {
                assignments[i] = place(problem, jobs.get(i), occupancy);
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return new Plan(Arrays.asList(assignments), NAME, "HEURISTIC", Double.NaN, elapsed);
    }

    static Integer[] order(Problem problem) {
        List<Job> jobs = problem.jobs();
        Integer[] order = new Integer[jobs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> jobs.get(i).running() ? 0 : 1)
                .thenComparingInt(i -> jobs.get(i).latestStartSlot())
                .thenComparingDouble(i -> -jobs.get(i).powerWatts() * jobs.get(i).durationMinutes())
                .thenComparing(i -> jobs.get(i).id()));
        return order;
    }

    /**
     * The cheapest choice that fits, committed to the occupancy; or why there is none. The job's
     * current site is weighed first, so that a tie never moves it.
     */
    static Assignment place(Problem problem, Job job, Occupancy occupancy) {
        int bestSite = -1;
        int bestSlot = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        int sites = problem.sites().size();
        boolean anyAllowed = false;
        int first = Math.max(0, job.currentSite());
        for (int k = 0; k < sites; k++) {
            int site = (first + k) % sites;
            if (!job.allowedSites()[site]) {
                continue;
            }
            anyAllowed = true;
            double migration = problem.migrationCost(job, site);
            for (int slot = 0; slot <= lastSlot; slot++) {
                double cost = problem.carbon(job, site, slot) + migration;
                if (cost < bestCost - 1e-9 && occupancy.fits(job, site, slot)) {
                    bestCost = cost;
                    bestSite = site;
                    bestSlot = slot;
                }
            }
        }
        if (bestSite < 0) {
            return Assignment.unplaced(anyAllowed
                    ? "no allowed cluster has capacity for it before its deadline"
                    : "no allowed cluster is schedulable with fresh carbon data");
        }
        occupancy.add(job, bestSite, bestSlot);
        return new Assignment(bestSite, bestSlot, problem.carbon(job, bestSite, bestSlot),
                problem.migrationCost(job, bestSite), null);
    }

    /** Every site's best start for the job, ignoring the other jobs: the alternatives an audit shows. */
    public static List<Assignment> bestPerSite(Problem problem, Job job) {
        List<Assignment> options = new ArrayList<>();
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        for (int site = 0; site < problem.sites().size(); site++) {
            if (!job.allowedSites()[site]) {
                options.add(Assignment.unplaced("not allowed by affinity"));
                continue;
            }
            Site s = problem.sites().get(site);
            if (job.cpu() > s.cpu() || job.memGb() > s.memGb() || job.gpu() > s.gpu()) {
                options.add(Assignment.unplaced("larger than the cluster"));
                continue;
            }
            int best = 0;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int slot = 0; slot <= lastSlot; slot++) {
                double cost = problem.carbon(job, site, slot);
                if (cost < bestCost - 1e-9) {
                    bestCost = cost;
                    best = slot;
                }
            }
            options.add(new Assignment(site, best, bestCost, problem.migrationCost(job, site), null));
        }
        return options;
    }
}
