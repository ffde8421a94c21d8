package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Improves a heuristic plan in place, in three kinds of move, each accepted only when it helps:
 * <ul>
 *   <li>insert with one ejection: an unplaced job takes a (site, slot) made free by moving one job that
 *       is in its way to that job's best other place; one more job placed is worth any cost;</li>
 *   <li>relocate: each placed job is lifted and put back at its cheapest place, which moves it only when
 *       that is strictly cheaper;</li>
 *   <li>swap: a job takes a cheaper place held by another, which goes to its own best other place, when
 *       the two together cost less. Relocations and swaps repeat while anything improves, up to a few
 *       passes.</li>
 * </ul>
 * Both keep every constraint: a move is made only where {@link Occupancy#fits} says so. A wall-clock
 * budget bounds the work on very large rounds; the plan is valid whenever it stops.
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
        insertUnplaced();
        for (int pass = 0; pass < MAX_PASSES && !outOfTime(); pass++) {
            boolean relocated = relocatePass();
            boolean swapped = swapPass();
            if (!relocated && !swapped) {
                break;
            }
        }
    }

    /**
     * One pass of swaps: a job takes a cheaper place held by another, which goes to its own best other
     * place, when the two together cost less. True when some pair changed.
     */
    private boolean swapPass() {
        boolean improved = false;
        for (int i = 0; i < assignments.length; i++) {
            if (outOfTime()) {
                return improved;
            }
            Assignment current = assignments[i];
            if (!current.placed()) {
                continue;
            }
            Job job = problem.jobs().get(i);
            for (int[] option : cheaperOptions(job, current.costG())) {
                if (displace(i, option)) {
                    improved = true;
                    break;
                }
            }
        }
        return improved;
    }

    private List<int[]> cheaperOptions(Job job, double than) {
        List<int[]> options = new ArrayList<>();
        for (int[] option : options(job)) {
            if (problem.cost(job, option[0], option[1]) < than - IMPROVEMENT) {
                options.add(option);
            }
        }
        return options;
    }

    /** Moves job i to the option by moving one job in its way elsewhere, if that lowers their total cost. */
    private boolean displace(int i, int[] option) {
        Job job = problem.jobs().get(i);
        int length = problem.slotsFor(job.durationMinutes());
        Assignment mine = assignments[i];
        for (int b = 0; b < assignments.length; b++) {
            Assignment theirs = assignments[b];
            if (b == i || !theirs.placed() || theirs.site() != option[0] || !overlaps(theirs, problem.jobs().get(b), option[1], length)) {
                continue;
            }
            Job blocker = problem.jobs().get(b);
            occupancy.remove(job, mine.site(), mine.startSlot());
            occupancy.remove(blocker, theirs.site(), theirs.startSlot());
            if (occupancy.fits(job, option[0], option[1])) {
                occupancy.add(job, option[0], option[1]);
                Assignment elsewhere = GreedyOptimizer.cheapest(problem, blocker, occupancy);
                double before = mine.costG() + theirs.costG();
                double after = elsewhere == null ? Double.POSITIVE_INFINITY
                        : problem.cost(job, option[0], option[1]) + elsewhere.costG();
                if (after < before - IMPROVEMENT) {
                    occupancy.add(blocker, elsewhere.site(), elsewhere.startSlot());
                    assignments[b] = elsewhere;
                    assignments[i] = at(job, option);
                    return true;
                }
                occupancy.remove(job, option[0], option[1]);
            }
            occupancy.add(job, mine.site(), mine.startSlot());
            occupancy.add(blocker, theirs.site(), theirs.startSlot());
        }
        return false;
    }

    private Assignment at(Job job, int[] option) {
        return new Assignment(option[0], option[1], problem.carbon(job, option[0], option[1]),
                problem.migrationCost(job, option[0]), null);
    }

    /** Every (site, slot) the job may take, cheapest first. */
    private List<int[]> options(Job job) {
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        List<int[]> options = new ArrayList<>();
        for (int site = 0; site < problem.sites().size(); site++) {
            if (problem.allowed(job, site)) {
                for (int slot = 0; slot <= lastSlot; slot++) {
                    options.add(new int[] {site, slot});
                }
            }
        }
        options.sort((a, b) -> Double.compare(problem.cost(job, a[0], a[1]), problem.cost(job, b[0], b[1])));
        return options;
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
                return false;
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

    private void insertUnplaced() {
        for (int u = 0; u < assignments.length; u++) {
            if (!assignments[u].placed()) {
                if (outOfTime()) {
                    return;
                }
                tryInsert(u);
            }
        }
    }

    /** Places job u by moving one job out of its way, trying u's cheaper options first. */
    private void tryInsert(int u) {
        Job job = problem.jobs().get(u);
        int length = problem.slotsFor(job.durationMinutes());
        for (int[] option : options(job)) {
            if (outOfTime()) {
                return;
            }
            for (int b = 0; b < assignments.length; b++) {
                Assignment blocker = assignments[b];
                if (b == u || !blocker.placed() || blocker.site() != option[0]
                        || !overlaps(blocker, problem.jobs().get(b), option[1], length)) {
                    continue;
                }
                if (ejectAndInsert(u, option, b)) {
                    return;
                }
            }
        }
    }

    private boolean overlaps(Assignment a, Job job, int start, int length) {
        int end = a.startSlot() + problem.slotsFor(job.durationMinutes());
        return a.startSlot() < start + length && start < end;
    }

    private boolean ejectAndInsert(int u, int[] option, int b) {
        Job job = problem.jobs().get(u);
        Job blocker = problem.jobs().get(b);
        Assignment old = assignments[b];
        occupancy.remove(blocker, old.site(), old.startSlot());
        if (occupancy.fits(job, option[0], option[1])) {
            occupancy.add(job, option[0], option[1]);
            Assignment elsewhere = GreedyOptimizer.cheapest(problem, blocker, occupancy);
            if (elsewhere != null) {
                occupancy.add(blocker, elsewhere.site(), elsewhere.startSlot());
                assignments[b] = elsewhere;
                assignments[u] = at(job, option);
                return true;
            }
            occupancy.remove(job, option[0], option[1]);
        }
        occupancy.add(blocker, old.site(), old.startSlot());
        return false;
    }
}
