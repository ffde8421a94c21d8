package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The round's jobs sorted by id. The caller's job order comes from keyed state and maps whose
 * iteration order is not a fact about the round; the solvers work on this order and map the plan
 * back, so that the same jobs give the same plan in whatever order they arrive.
 */
final class CanonicalOrder {

    /** canonical position → the caller's index */
    private final int[] original;
    final Problem problem;

    private CanonicalOrder(Problem caller) {
        List<Job> jobs = caller.jobs();
        Integer[] order = new Integer[jobs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable: jobs with one id (never in a real round) keep the caller's order
        Arrays.sort(order, Comparator.comparing(i -> jobs.get(i).id()));
        original = new int[order.length];
        List<Job> sorted = new ArrayList<>(order.length);
        for (int k = 0; k < order.length; k++) {
            original[k] = order[k];
            sorted.add(jobs.get(order[k]));
        }
        problem = new Problem(caller.startMillis(), caller.slotMillis(), caller.horizonSlots(), caller.sites(), sorted,
                caller.migration());
    }

    static CanonicalOrder of(Problem problem) {
        return new CanonicalOrder(problem);
    }

    /** A plan over the caller's jobs in canonical order; null stays null. */
    Plan toCanonical(Plan plan) {
        if (plan == null || plan.assignments().size() != original.length) {
            return plan; // a warm start of the wrong size is refused by the solver as before
        }
        List<Assignment> out = new ArrayList<>(original.length);
        for (int k = 0; k < original.length; k++) {
            out.add(plan.assignments().get(original[k]));
        }
        return new Plan(out, plan.solver(), plan.status(), plan.optimalityGap(), plan.elapsedMillis());
    }

    /** A plan over the canonical jobs back in the caller's order. */
    Plan toCaller(Plan plan) {
        Assignment[] out = new Assignment[original.length];
        for (int k = 0; k < original.length; k++) {
            out[original[k]] = plan.assignments().get(k);
        }
        return new Plan(Arrays.asList(out), plan.solver(), plan.status(), plan.optimalityGap(), plan.elapsedMillis());
    }
}
