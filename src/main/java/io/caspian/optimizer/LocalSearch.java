package io.caspian.optimizer;

import java.util.Arrays;
import java.util.BitSet;
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
 * constraint ({@link Occupancy#fits}). A {@link WorkBudget} bounds the work on large rounds: every
 * (job, site, slot) choice priced and every job examined as one in the way spends one unit, and the
 * search stops at the first check after the budget is spent. It never reads a clock, so the same round
 * stops at the same move on any machine under any load; the plan is valid whenever it stops. Jobs are
 * visited in index order, choices cheapest first with ties by site and then slot, jobs in the way by
 * index: nothing depends on hashing or timing.
 */
final class LocalSearch {

    static final int MAX_PASSES = 4;
    private static final int UNKNOWN = -2;
    private static final int NONE = -1;
    private static final double IMPROVEMENT = 1e-6;

    private final Problem problem;
    private final List<Job> jobs;
    private final Assignment[] assignments;
    private final Occupancy occupancy;
    private final WorkBudget budget;
    /** For each site, the indices of the jobs placed on it, so that a move looks only at its own site. */
    private final BitSet[] onSite;
    /** For each job, how many (site, slot) choices pricing its cheapest place weighs. */
    private final long[] choices;
    /**
     * For each job examined as one in the way, its two cheapest choices regardless of capacity (the
     * cheapest as site × horizon slots + slot); computed when first needed.
     */
    private final double[] bestCost;
    private final double[] secondCost;
    private final int[] bestChoice;

    private final boolean shortcuts;

    /** What became of one attempt to take a place by moving a job out of the way. */
    private enum Attempt { TAKEN, NO_ROOM, NO_GAIN }

    /**
     * @param shortcuts skip swaps that provably cannot pay ({@link #cannotPay}), and attempts that repeat
     *     one just refused ({@link #takeAny}); the plan is the same either way
     */
    LocalSearch(Problem problem, Assignment[] assignments, Occupancy occupancy, WorkBudget budget, boolean shortcuts) {
        this.shortcuts = shortcuts;
        this.problem = problem;
        this.jobs = problem.jobs();
        this.assignments = assignments;
        this.occupancy = occupancy;
        this.budget = budget;
        int sites = problem.sites().size();
        onSite = new BitSet[sites];
        for (int s = 0; s < sites; s++) {
            onSite[s] = new BitSet(assignments.length);
        }
        choices = new long[assignments.length];
        bestCost = new double[assignments.length];
        secondCost = new double[assignments.length];
        bestChoice = new int[assignments.length];
        Arrays.fill(bestChoice, UNKNOWN);
        for (int i = 0; i < assignments.length; i++) {
            if (assignments[i].placed()) {
                onSite[assignments[i].site()].set(i);
            }
            Job job = jobs.get(i);
            int slots = Math.max(0, job.lastCandidateSlot(problem.horizonSlots()) + 1 - job.firstCandidateSlot());
            for (int s = 0; s < sites; s++) {
                choices[i] += problem.allowed(job, s) ? slots : 0;
            }
        }
    }

    void run() {
        for (int u = 0; u < assignments.length && !budget.exhausted(); u++) {
            if (!assignments[u].placed()) {
                takeAny(u, options(u, Double.POSITIVE_INFINITY));
            }
        }
        for (int pass = 0; pass < MAX_PASSES && !budget.exhausted(); pass++) {
            boolean relocated = relocatePass();
            boolean swapped = swapPass();
            if (!relocated && !swapped) {
                break;
            }
        }
    }

    /** One pass of relocations; true when some job moved. */
    private boolean relocatePass() {
        boolean improved = false;
        for (int i = 0; i < assignments.length && !budget.exhausted(); i++) {
            Assignment current = assignments[i];
            if (!current.placed()) {
                continue;
            }
            Job job = jobs.get(i);
            budget.spend(choices[i]);
            occupancy.remove(job, current.site(), current.startSlot());
            Assignment best = GreedyOptimizer.cheapest(problem, job, occupancy);
            if (best != null && best.costG() < current.costG() - IMPROVEMENT) {
                assign(i, best);
                improved = true;
            }
            occupancy.add(job, assignments[i].site(), assignments[i].startSlot());
        }
        return improved;
    }

    /** One pass of swaps; true when some pair changed. */
    private boolean swapPass() {
        boolean improved = false;
        for (int i = 0; i < assignments.length && !budget.exhausted(); i++) {
            if (assignments[i].placed()) {
                improved |= takeAny(i, options(i, assignments[i].costG()));
            }
        }
        return improved;
    }

    /**
     * Job i takes the first of the options it can get by moving one job out of its way. A job in the way
     * that is interchangeable with the one refused just before it (the same demand, place and costs;
     * {@link Job#interchangeable}) would be refused the same way: the occupancy is the same, exactly,
     * because it counts in whole units. It is skipped, spending the units the attempt would.
     */
    private boolean takeAny(int i, int[] options) {
        int length = problem.slotsFor(jobs.get(i).durationMinutes());
        for (int option : options) {
            if (budget.exhausted()) {
                return false;
            }
            int site = site(option);
            int slot = slot(option);
            int refused = NONE;
            Attempt refusal = null;
            BitSet there = onSite[site];
            for (int b = there.nextSetBit(0); b >= 0; b = there.nextSetBit(b + 1)) {
                budget.spend(1);
                if (b == i || !overlaps(assignments[b], jobs.get(b), slot, length)) {
                    continue;
                }
                if (shortcuts && refused != NONE && assignments[b].equals(assignments[refused])
                        && jobs.get(b).interchangeable(jobs.get(refused))) {
                    if (refusal == Attempt.NO_GAIN) {
                        budget.spend(choices[b]);
                    }
                    continue;
                }
                Attempt attempt = takeFrom(i, site, slot, b);
                if (attempt == Attempt.TAKEN) {
                    return true;
                }
                refused = b;
                refusal = attempt;
            }
        }
        return false;
    }

    private boolean overlaps(Assignment a, Job job, int start, int length) {
        int end = a.startSlot() + problem.slotsFor(job.durationMinutes());
        return a.startSlot() < start + length && start < end;
    }

    /**
     * Puts job i at (site, slot) after moving job b to its best other place, when that places i (it was
     * unplaced) or lowers the two jobs' total cost; otherwise leaves everything as it was, and says
     * whether job i found no room there or no gain. Units are spent on pricing b exactly when there was room.
     */
    private Attempt takeFrom(int i, int site, int slot, int b) {
        Job job = jobs.get(i);
        Job blocker = jobs.get(b);
        Assignment mine = assignments[i];
        Assignment theirs = assignments[b];
        if (mine.placed()) {
            occupancy.remove(job, mine.site(), mine.startSlot());
        }
        occupancy.remove(blocker, theirs.site(), theirs.startSlot());
        Attempt refusal = Attempt.NO_ROOM;
        if (occupancy.fits(job, site, slot)) {
            occupancy.add(job, site, slot);
            budget.spend(choices[b]);
            // the same units are spent whether or not the blocker is priced, so the plan is the same
            Assignment elsewhere = shortcuts && mine.placed()
                    && (cannotPay(job, site, slot, mine, b, theirs) || !fitsBelow(b, payable(job, site, slot, mine, theirs)))
                    ? null : GreedyOptimizer.cheapest(problem, blocker, occupancy);
            boolean gain = elsewhere != null && (!mine.placed()
                    || problem.cost(job, site, slot) + elsewhere.costG() < mine.costG() + theirs.costG() - IMPROVEMENT);
            if (gain) {
                occupancy.add(blocker, elsewhere.site(), elsewhere.startSlot());
                assign(b, elsewhere);
                assign(i, new Assignment(site, slot, problem.carbon(job, site, slot), problem.migrationCost(job, site), null));
                return Attempt.TAKEN;
            }
            occupancy.remove(job, site, slot);
            refusal = Attempt.NO_GAIN;
        }
        if (mine.placed()) {
            occupancy.add(job, mine.site(), mine.startSlot());
        }
        occupancy.add(blocker, theirs.site(), theirs.startSlot());
        return refusal;
    }

    /**
     * Whether moving blocker b away cannot pay for job i taking (site, slot): b cannot stay where it is,
     * and even its cheapest other choice regardless of capacity leaves the two no cheaper than now. Then
     * pricing b's other places (the costliest step of a swap) would find no gain either: the swap is
     * refused exactly as it would have been, without the work. Costs are summed as
     * {@link GreedyOptimizer#cheapest} sums them, so the comparison is the one it would make.
     */
    private boolean cannotPay(Job job, int site, int slot, Assignment mine, int b, Assignment theirs) {
        Job blocker = jobs.get(b);
        if (occupancy.fits(blocker, theirs.site(), theirs.startSlot())) {
            return false;
        }
        double elsewhere = cheapestElsewhere(b, theirs.site() * problem.horizonSlots() + theirs.startSlot());
        return problem.cost(job, site, slot) + elsewhere >= mine.costG() + theirs.costG() - IMPROVEMENT;
    }

    /**
     * The cost below which the blocker's other place would make the swap pay, with a margin above the
     * float rounding of the sums {@code takeFrom} compares: a place at or above it cannot gain.
     */
    private double payable(Job job, int site, int slot, Assignment mine, Assignment theirs) {
        double before = mine.costG() + theirs.costG() - IMPROVEMENT;
        double taking = problem.cost(job, site, slot);
        return before - taking + IMPROVEMENT + 16 * Math.ulp(Math.abs(before) + Math.abs(taking));
    }

    /**
     * Whether blocker b fits anywhere it may go for less than {@code limit}, as the occupancy stands. When
     * it fits nowhere below the limit, its cheapest place ({@link GreedyOptimizer#cheapest}, which weighs
     * the same choices priced the same way) costs at least that much, and the swap cannot gain: refusing
     * it unpriced leaves the plan as pricing it would. Only the choices below the limit are tested for fit.
     */
    private boolean fitsBelow(int b, double limit) {
        Job blocker = jobs.get(b);
        for (int s = 0; s < problem.sites().size(); s++) {
            if (problem.allowed(blocker, s)
                    && GreedyOptimizer.firstFit(problem, blocker, occupancy, s, blocker.firstCandidateSlot(), limit) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Job b's cheapest choice other than {@code excluded}, regardless of capacity; infinite when it has none. */
    private double cheapestElsewhere(int b, int excluded) {
        if (bestChoice[b] == UNKNOWN) {
            Job job = jobs.get(b);
            int width = problem.horizonSlots();
            int lastSlot = job.lastCandidateSlot(width);
            double best = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            int choice = NONE;
            for (int s = 0; s < problem.sites().size(); s++) {
                if (!problem.allowed(job, s)) {
                    continue;
                }
                double migration = problem.migrationCost(job, s);
                for (int t = job.firstCandidateSlot(); t <= lastSlot; t++) {
                    double c = problem.carbon(job, s, t) + migration;
                    if (c < best) {
                        second = best;
                        best = c;
                        choice = s * width + t;
                    } else if (c < second) {
                        second = c;
                    }
                }
            }
            bestCost[b] = best;
            secondCost[b] = second;
            bestChoice[b] = choice;
        }
        return bestChoice[b] == excluded ? secondCost[b] : bestCost[b];
    }

    private void assign(int i, Assignment next) {
        Assignment before = assignments[i];
        if (before.placed()) {
            onSite[before.site()].clear(i);
        }
        assignments[i] = next;
        if (next.placed()) {
            onSite[next.site()].set(i);
        }
    }

    /**
     * The (site, slot) choices job i may take that cost less than {@code below}, cheapest first; equal
     * costs in site order, then slot order. Each is one int: site × horizon slots + slot.
     */
    private int[] options(int i, double below) {
        Job job = jobs.get(i);
        int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
        int width = problem.horizonSlots();
        budget.spend(choices[i]);
        int sites = problem.sites().size();
        double[] cost = new double[sites * width];
        int[] found = new int[sites * width];
        int count = 0;
        for (int site = 0; site < sites; site++) {
            if (!problem.allowed(job, site)) {
                continue;
            }
            double migration = problem.migrationCost(job, site);
            for (int slot = job.firstCandidateSlot(); slot <= lastSlot; slot++) {
                double c = problem.carbon(job, site, slot) + migration;
                if (c < below - IMPROVEMENT) {
                    int option = site * width + slot;
                    cost[option] = c;
                    found[count++] = option;
                }
            }
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = found[k];
        }
        // found is in (site, slot) order already, and the index breaks ties in exactly that order
        Arrays.sort(order, (a, b) -> {
            int byCost = Double.compare(cost[a], cost[b]);
            return byCost != 0 ? byCost : Integer.compare(a, b);
        });
        budget.spend(count);
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = order[k];
        }
        return out;
    }

    private int site(int option) {
        return option / problem.horizonSlots();
    }

    private int slot(int option) {
        return option % problem.horizonSlots();
    }
}
