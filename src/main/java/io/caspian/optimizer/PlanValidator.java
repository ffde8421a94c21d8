package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan against the problem's hard constraints: every placed job on a site it may use
 * (affinity, no forbidden migration), at a start slot it may take (slot 0 when running, not after its
 * latest start), and no site over its CPU, memory or GPU capacity in any slot. The exact solver uses
 * it to vet a warm start; tests use it on every plan.
 */
public final class PlanValidator {

    private PlanValidator() {}

    /** The violations, empty when the plan is feasible. */
    public static List<String> violations(Problem problem, Plan plan) {
        List<String> problems = new ArrayList<>();
        if (plan.assignments().size() != problem.jobs().size()) {
            problems.add("plan has " + plan.assignments().size() + " assignments for " + problem.jobs().size() + " jobs");
            return problems;
        }
        Occupancy occupancy = new Occupancy(problem);
        for (int i = 0; i < problem.jobs().size(); i++) {
            Job job = problem.jobs().get(i);
            Assignment a = plan.assignments().get(i);
            if (a == null) {
                problems.add(job.id() + ": no assignment");
                continue;
            }
            if (!a.placed()) {
                continue;
            }
            if (a.site() >= problem.sites().size() || !problem.allowed(job, a.site())) {
                problems.add(job.id() + ": site " + a.site() + " not allowed");
                continue;
            }
            if (a.startSlot() < job.firstCandidateSlot() || a.startSlot() > job.lastCandidateSlot(problem.horizonSlots())) {
                problems.add(job.id() + ": start slot " + a.startSlot() + " after its latest start "
                        + job.lastCandidateSlot(problem.horizonSlots()));
                continue;
            }
            occupancy.add(job, a.site(), a.startSlot());
        }
        if (!occupancy.withinCapacity()) {
            problems.add("a site is over its capacity in some slot");
        }
        return problems;
    }

    public static boolean feasible(Problem problem, Plan plan) {
        return violations(problem, plan).isEmpty();
    }
}
