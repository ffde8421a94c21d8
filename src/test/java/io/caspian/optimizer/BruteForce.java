package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimum by enumerating every assignment (each job: unplaced, or any site and start slot it may
 * take), ranked as {@link PlanRanking} says: most (weighted) jobs placed, then least cost with an
 * unplaced job counted at its dearest choice. Only for tiny instances.
 */
final class BruteForce {

    record Best(int placed, double cost) {}

    private final Problem problem;
    private final List<int[][]> choices = new ArrayList<>();
    private final Occupancy occupancy;
    private Best best = new Best(-1, Double.POSITIVE_INFINITY);

    private BruteForce(Problem problem) {
        this.problem = problem;
        this.occupancy = new Occupancy(problem);
        for (Job job : problem.jobs()) {
            List<int[]> options = new ArrayList<>();
            options.add(new int[] {-1, -1});
            for (int site = 0; site < problem.sites().size(); site++) {
                if (problem.allowed(job, site)) {
                    for (int slot = 0; slot <= job.lastCandidateSlot(problem.horizonSlots()); slot++) {
                        options.add(new int[] {site, slot});
                    }
                }
            }
            choices.add(options.toArray(new int[0][]));
        }
    }

    static Best optimum(Problem problem) {
        BruteForce search = new BruteForce(problem);
        search.visit(0, 0, 0);
        return search.best;
    }

    static long assignments(Problem problem) {
        return new BruteForce(problem).choices.stream().mapToLong(c -> c.length).reduce(1, Math::multiplyExact);
    }

    private void visit(int j, int placed, double cost) {
        if (j == problem.jobs().size()) {
            if (placed > best.placed() || (placed == best.placed() && cost < best.cost())) {
                best = new Best(placed, cost);
            }
            return;
        }
        Job job = problem.jobs().get(j);
        for (int[] option : choices.get(j)) {
            if (option[0] < 0) {
                visit(j + 1, placed, cost + PlanRanking.dearest(problem, job));
            } else if (occupancy.fits(job, option[0], option[1])) {
                occupancy.add(job, option[0], option[1]);
                visit(j + 1, placed + PlanRanking.weight(job), cost + problem.cost(job, option[0], option[1]));
                occupancy.remove(job, option[0], option[1]);
            }
        }
    }
}
