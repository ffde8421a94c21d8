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
 * start slot) among those with capacity for the whole run. A {@link LocalSearch} then places what it
 * can of the rest and moves jobs to cheaper places while that helps, within a budget of work (never of
 * time). Jobs are taken in the order of their ids whatever order the caller lists them in, and every
 * tie is broken by id, site index or slot, so the same round always gives the same plan.
 */
public final class GreedyOptimizer implements Optimizer {

    public static final String NAME = "greedy";
    /** Rounds up to this many jobs are also tried in a second order. */
    static final int MULTI_START_MAX_JOBS = 2_000;

    private final boolean improve;
    private final long localSearchBudget;

    /** Greedy passes followed by the local search, with the shipped work budget. */
    public GreedyOptimizer() {
        this(true, SolverLimits.DEFAULTS.localSearchBudget());
    }

    /** @param improve whether to run the local search after the greedy passes */
    public GreedyOptimizer(boolean improve) {
        this(improve, SolverLimits.DEFAULTS.localSearchBudget());
    }

    /** @param localSearchBudget the local search's work budget ({@link SolverLimits#localSearchBudget}) */
    public GreedyOptimizer(long localSearchBudget) {
        this(true, localSearchBudget);
    }

    private GreedyOptimizer(boolean improve, long localSearchBudget) {
        this.improve = improve;
        this.localSearchBudget = localSearchBudget;
    }

    @Override
    public Plan solve(Problem problem, Plan warmStart) {
        long started = System.nanoTime();
        CanonicalOrder canonical = CanonicalOrder.of(problem);
        Problem sorted = canonical.problem;
        // one budget for both orders: the second gets what the first left, as the same count every run
        WorkBudget budget = new WorkBudget(localSearchBudget);
        Assignment[] best = attempt(sorted, bySlack(sorted), budget);
        if (improve && sorted.jobs().size() <= MULTI_START_MAX_JOBS) {
            // on tight capacity the order decides what fits; a second order is cheap on small rounds
            Assignment[] other = attempt(sorted, byDemand(sorted), budget);
            if (PlanRanking.better(sorted, other, best)) {
                best = other;
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return canonical.toCaller(new Plan(Arrays.asList(best), NAME, "HEURISTIC", Double.NaN, elapsed));
    }

    private Assignment[] attempt(Problem problem, Integer[] order, WorkBudget budget) {
        return attempt(problem, order, budget, true);
    }

    /** @param shortcuts whether the local search skips work that provably leaves the plan as it is (the same plan either way) */
    Assignment[] attempt(Problem problem, Integer[] order, WorkBudget budget, boolean shortcuts) {
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
        for (int i : order) {
            if (assignments[i] == null) {
                assignments[i] = place(problem, jobs.get(i), occupancy);
            }
        }
        if (improve) {
            new LocalSearch(problem, assignments, occupancy, budget, shortcuts).run();
        }
        return assignments;
    }

    /** Running jobs first, then least slack, then most energy. */
    static Integer[] bySlack(Problem problem) {
        List<Job> jobs = problem.jobs();
        return sorted(jobs.size(), Comparator.<Integer>comparingInt(i -> jobs.get(i).running() ? 0 : 1)
                .thenComparingInt(i -> jobs.get(i).latestStartSlot())
                .thenComparingDouble(i -> -jobs.get(i).powerWatts() * jobs.get(i).durationMinutes())
                .thenComparing(i -> jobs.get(i).id()));
    }

    /** Running jobs first, then the largest (CPU × slots) first, as in bin packing. */
    static Integer[] byDemand(Problem problem) {
        List<Job> jobs = problem.jobs();
        return sorted(jobs.size(), Comparator.<Integer>comparingInt(i -> jobs.get(i).running() ? 0 : 1)
                .thenComparingDouble(i -> -(jobs.get(i).cpu() + jobs.get(i).gpu() * 8.0) * problem.slotsFor(jobs.get(i).durationMinutes()))
                .thenComparingInt(i -> jobs.get(i).latestStartSlot())
                .thenComparing(i -> jobs.get(i).id()));
    }

    private static Integer[] sorted(int size, Comparator<Integer> comparator) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, comparator);
        return order;
    }

    /**
     * The cheapest choice that fits, committed to the occupancy; or why there is none. The job's
     * current site is weighed first, so that a tie never moves it.
     */
    static Assignment place(Problem problem, Job job, Occupancy occupancy) {
        Assignment best = cheapest(problem, job, occupancy);
        if (best == null) {
            return Assignment.unplaced(unplacedReason(problem, job, anyAllowed(problem, job)));
        }
        occupancy.add(job, best.site(), best.startSlot());
        return best;
    }

    private static boolean anyAllowed(Problem problem, Job job) {
        for (int site = 0; site < problem.sites().size(); site++) {
            if (problem.allowed(job, site)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cheapest (site, start slot) that fits, not committed; null when none does. The job's
     * current site is weighed first and only a strictly cheaper choice replaces it, so a tie never
     * moves a job, and the earliest of equal starts wins.
     */
    static Assignment cheapest(Problem problem, Job job, Occupancy occupancy) {
        int bestSite = -1;
        int bestSlot = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        int sites = problem.sites().size();
        int first = Math.max(0, job.currentSite());
        for (int k = 0; k < sites; k++) {
            int site = (first + k) % sites;
            if (!problem.allowed(job, site)) {
                continue;
            }
            for (int slot = firstFit(problem, job, occupancy, site, job.firstCandidateSlot(), bestCost - 1e-9); slot >= 0;
                    slot = firstFit(problem, job, occupancy, site, slot + 1, bestCost - 1e-9)) {
                bestCost = problem.cost(job, site, slot);
                bestSite = site;
                bestSlot = slot;
            }
        }
        if (bestSite < 0) {
            return null;
        }
        return new Assignment(bestSite, bestSlot, problem.carbon(job, bestSite, bestSlot),
                problem.migrationCost(job, bestSite), null);
    }

    /**
     * The first start on the site, from {@code fromSlot} on, that costs less than {@code below} and
     * fits; -1 when there is none. A start that does not fit names the slot that stops it
     * ({@link Occupancy#blockedAt}), and the starts up to that slot are passed over untested.
     */
    static int firstFit(Problem problem, Job job, Occupancy occupancy, int site, int fromSlot, double below) {
        double migration = problem.migrationCost(job, site);
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        int blocked = Occupancy.FITS;
        for (int slot = fromSlot; slot <= lastSlot; slot++) {
            if (slot <= blocked) {
                slot = blocked;
                continue;
            }
            if (problem.carbon(job, site, slot) + migration < below) {
                blocked = occupancy.blockedAt(job, site, slot);
                if (blocked == Occupancy.FITS) {
                    return slot;
                }
                if (blocked == Occupancy.NEVER) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Why a job has no place: the most specific reason the problem shows. */
    static String unplacedReason(Problem problem, Job job, boolean anyAllowed) {
        if (anyAllowed) {
            return "no allowed cluster has capacity for it before its deadline";
        }
        for (int site = 0; site < problem.sites().size(); site++) {
            if (job.allowedSites()[site]) {
                return "every cluster its affinity allows is a forbidden migration from " + job.currentCluster();
            }
        }
        return "no allowed cluster is schedulable with fresh carbon data";
    }

    /** Every site's best start for the job, ignoring the other jobs: the alternatives an audit shows. */
    public static List<Assignment> bestPerSite(Problem problem, Job job) {
        List<Assignment> options = new ArrayList<>();
        Problem.BestStarts starts = problem.bestStarts(job);
        for (int site = 0; site < problem.sites().size(); site++) {
            if (!job.allowedSites()[site]) {
                options.add(Assignment.unplaced("not allowed by affinity"));
                continue;
            }
            if (!problem.allowed(job, site)) {
                options.add(Assignment.unplaced("migration from " + job.currentCluster() + " is forbidden"));
                continue;
            }
            if (!ResourceUnits.fitsEmpty(job, problem.sites().get(site))) {
                options.add(Assignment.unplaced("larger than the cluster"));
                continue;
            }
            options.add(new Assignment(site, starts.slot()[site], starts.carbonG()[site], problem.migrationCost(job, site), null));
        }
        return options;
    }
}
