package io.caspian.optimizer;

import java.util.List;

/**
 * The optimizer's answer: one assignment per job, in the problem's job order.
 *
 * @param solver which algorithm produced it
 * @param status e.g. {@code OPTIMAL}, {@code FEASIBLE}, {@code HEURISTIC}
 * @param optimalityGap relative gap to the best proven lower bound; NaN when no bound is known
 */
public record Plan(List<Assignment> assignments, String solver, String status, double optimalityGap, long elapsedMillis) {

    public double objective() {
        double total = 0;
        for (Assignment a : assignments) {
            total += a.costG();
        }
        return total;
    }
}
