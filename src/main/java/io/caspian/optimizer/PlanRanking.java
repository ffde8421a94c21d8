package io.caspian.optimizer;

/**
 * The order in which the solvers rank plans, the same for the exact model, the heuristic and the
 * tests: first the most jobs placed, a running job counting twice (stopping a running job to start a
 * new one is never a gain); then the least cost, where an unplaced job counts as its dearest possible
 * choice, so that no plan wins by leaving the most carbon-hungry jobs out.
 */
public final class PlanRanking {

    private PlanRanking() {}

    /**
     * Priority weight of placing the job: none for an anticipated arrival, which is placed only where it
     * lowers the total carbon and never at the expense of a workload that is here.
     */
    public static int weight(Job job) {
        return job.running() || job.latestStartSlot() == 0 ? 2 : job.anticipated() ? 0 : 1;
    }

    public static int weightedPlaced(Problem problem, Assignment[] assignments) {
        int placed = 0;
        for (int j = 0; j < assignments.length; j++) {
            placed += assignments[j].placed() ? weight(problem.jobs().get(j)) : 0;
        }
        return placed;
    }

    /** Cost of the placed jobs plus each unplaced job's dearest choice. */
    public static double penalisedCost(Problem problem, Assignment[] assignments) {
        double cost = 0;
        for (int j = 0; j < assignments.length; j++) {
            cost += assignments[j].placed() ? assignments[j].costG() : dearest(problem, problem.jobs().get(j));
        }
        return cost;
    }

    /** The job's most expensive choice among sites it may use and could fit when empty; 0 when none. */
    public static double dearest(Problem problem, Job job) {
        double worst = 0;
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        for (int site = 0; site < problem.sites().size(); site++) {
            Site s = problem.sites().get(site);
            boolean fitsEmpty = job.cpu() <= s.cpu() + 1e-9 && job.memGb() <= s.memGb() + 1e-9 && job.gpu() <= s.gpu();
            if (problem.allowed(job, site) && fitsEmpty) {
                for (int slot = job.firstCandidateSlot(); slot <= lastSlot; slot++) {
                    worst = Math.max(worst, problem.cost(job, site, slot));
                }
            }
        }
        return worst;
    }

    /** True when plan a ranks strictly before plan b. */
    public static boolean better(Problem problem, Assignment[] a, Assignment[] b) {
        int placedA = weightedPlaced(problem, a);
        int placedB = weightedPlaced(problem, b);
        if (placedA != placedB) {
            return placedA > placedB;
        }
        return penalisedCost(problem, a) < penalisedCost(problem, b) - 1e-6;
    }
}
