package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Improves a heuristic plan in place, in three kinds of move, each made only when it helps:
 * <ul>
 *   <li>insert: an unplaced job takes a (site, slot) made free by moving one job that is in its way to
 *       that job's best other place; one more job placed is worth any cost;</li>
 *   <li>relocate: each placed job is lifted and put back at its cheapest place, which moves it only when
 *       that is strictly cheaper;</li>
 *   <li>swap: a job takes a cheaper place held by another, which goes to its own best other place, when
 *       the two together cost less.</li>
 * </ul>
 * Relocations and swaps repeat while anything improves, up to a few passes. Every move keeps every
 * constraint ({@link Occupancy#fits}). A wall-clock budget bounds the work on large rounds; the plan
 * is valid whenever it stops.
 */
final class LocalSearch {

    static final int MAX_PASSES = 4;
    private static final double IMPROVEMENT = 1e-6;

    private final Problem problem;
    private final Assignment[] assignments;
    private final Occupancy occupancy;
    private final long deadlineNanos;

    LocalSearch(Problem problem, Assignment[] assignments, Occupancy occupancy, long deadlineNanos) {
        this.problem = problem;
        this.assignments = assignments;
        this.occupancy = occupancy;
        this.deadlineNanos = deadlineNanos;
    }

    void run() {
        for (int u = 0; u < assignments.length && !outOfTime(); u++) {
            if (!assignments[u].placed()) {
                takeAny(u, options(problem.jobs().get(u), Double.POSITIVE_INFINITY));
            }
        }
        for (int pass = 0; pass < MAX_PASSES && !outOfTime(); pass++) {
            boolean relocated = relocatePass();
            boolean swapped = swapPass();
            if (!relocated && !swapped) {
                break;
            }
        }
    }

    private boolean outOfTime() {
        return System.nanoTime() > deadlineNanos;
    }

    /** One pass of relocations; true when some job moved. */
    private boolean relocatePass() {
        boolean improved = false;
        List<Job> jobs = problem.jobs();
        for (int i = 0; i < jobs.size(); i++) {
            Assignment current = assignments[i];
            if (!current.placed()) {
                continue;
            }
            if ((i & 255) == 0 && outOfTime()) {
                return improved;
            }
            Job job = jobs.get(i);
            occupancy.remove(job, current.site(), current.startSlot());
            Assignment best = GreedyOptimizer.cheapest(problem, job, occupancy);
            if (best != null && best.costG() < current.costG() - IMPROVEMENT) {
                assignments[i] = best;
                improved = true;
            }
            occupancy.add(job, assignments[i].site(), assignments[i].startSlot());
        }
        return improved;
    }

    /** One pass of swaps; true when some pair changed. */
    private boolean swapPass() {
        boolean improved = false;
        for (int i = 0; i < assignments.length && !outOfTime(); i++) {
            if (assignments[i].placed()) {
                improved |= takeAny(i, options(problem.jobs().get(i), assignments[i].costG()));
            }
        }
        return improved;
    }

    /** Job i takes the first of the options it can get by moving one job out of its way. */
    private boolean takeAny(int i, List<int[]> options) {
        int length = problem.slotsFor(problem.jobs().get(i).durationMinutes());
        for (int[] option : options) {
            if (outOfTime()) {
                return false;
            }
            for (int b = 0; b < assignments.length; b++) {
                Assignment theirs = assignments[b];
                if (b != i && theirs.placed() && theirs.site() == option[0]
                        && overlaps(theirs, problem.jobs().get(b), option[1], length) && takeFrom(i, option, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean overlaps(Assignment a, Job job, int start, int length) {
        int end = a.startSlot() + problem.slotsFor(job.durationMinutes());
        return a.startSlot() < start + length && start < end;
    }

    /**
     * Puts job i at the option after moving job b to its best other place, when that places i (it was
     * unplaced) or lowers the two jobs' total cost; otherwise leaves everything as it was.
     */
    private boolean takeFrom(int i, int[] option, int b) {
        Job job = problem.jobs().get(i);
        Job blocker = problem.jobs().get(b);
        Assignment mine = assignments[i];
        Assignment theirs = assignments[b];
        if (mine.placed()) {
            occupancy.remove(job, mine.site(), mine.startSlot());
        }
        occupancy.remove(blocker, theirs.site(), theirs.startSlot());
        if (occupancy.fits(job, option[0], option[1])) {
            occupancy.add(job, option[0], option[1]);
            Assignment elsewhere = GreedyOptimizer.cheapest(problem, blocker, occupancy);
            boolean gain = elsewhere != null && (!mine.placed()
                    || problem.cost(job, option[0], option[1]) + elsewhere.costG() < mine.costG() + theirs.costG() - IMPROVEMENT);
            if (gain) {
                occupancy.add(blocker, elsewhere.site(), elsewhere.startSlot());
                assignments[b] = elsewhere;
                assignments[i] = new Assignment(option[0], option[1], problem.carbon(job, option[0], option[1]),
                        problem.migrationCost(job, option[0]), null);
                return true;
            }
            occupancy.remove(job, option[0], option[1]);
        }
        if (mine.placed()) {
            occupancy.add(job, mine.site(), mine.startSlot());
        }
        occupancy.add(blocker, theirs.site(), theirs.startSlot());
        return false;
    }

    /** The (site, slot) choices the job may take that cost less than {@code below}, cheapest first. */
    private List<int[]> options(Job job, double below) {
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        List<int[]> options = new ArrayList<>();
        for (int site = 0; site < problem.sites().size(); site++) {
            if (problem.allowed(job, site)) {
                for (int slot = 0; slot <= lastSlot; slot++) {
                    if (problem.cost(job, site, slot) < below - IMPROVEMENT) {
                        options.add(new int[] {site, slot});
                    }
                }
            }
        }
        options.sort((a, b) -> Double.compare(problem.cost(job, a[0], a[1]), problem.cost(job, b[0], b[1])));
        return options;
    }
}
