package io.caspian.optimizer;

/**
 * Exact when the instance is small enough for CP-SAT to finish within its limits, the heuristic
 * otherwise. Size is the number of (job, site, start slot) choices; the limit comes from the
 * benchmark (docs/optimizer.md): up to it CP-SAT proves optimality well inside the default 2 s on a
 * 2-core machine. Whatever is chosen, the plan names its solver.
 *
 * <p>Before calling CP-SAT it checks whether capacity binds at all: when the heuristic placed every
 * job that fits anywhere on its own, each at its own cheapest choice, no plan can place more or cost
 * less, so that plan is optimal and is returned as such ({@value #UNCONSTRAINED}). Most rounds of a
 * fleet with room to spare are of this kind.
 */
public final class AutoOptimizer implements Optimizer {

    /** Status of a plan proven optimal because no capacity constraint binds. */
    public static final String UNCONSTRAINED = "OPTIMAL_UNCONSTRAINED";
    /** Relative tolerance when comparing a job's cost with its own cheapest choice. */
    private static final double TOLERANCE = 1e-9;

    /** Choices up to which the exact solver is used. */
    public static final long EXACT_MAX_CHOICES = 20_000;

    private final SolverLimits limits;
    private final long maxChoices;
    private final Optimizer heuristic;
    private Optimizer exact;

    public AutoOptimizer(SolverLimits limits) {
        this(limits, EXACT_MAX_CHOICES);
    }

    public AutoOptimizer(SolverLimits limits, long maxChoices) {
        this.limits = limits;
        this.maxChoices = maxChoices;
        this.heuristic = new GreedyOptimizer(limits.localSearchBudget());
    }

    @Override
    public Plan solve(Problem problem, Plan warmStart) {
        if (CpSatModel.variableCount(problem) > maxChoices) {
            return heuristic.solve(problem, warmStart);
        }
        Plan heuristicPlan = heuristic.solve(problem, warmStart);
        if (eachAtItsOwnBest(problem, heuristicPlan)) {
            return new Plan(heuristicPlan.assignments(), heuristicPlan.solver(), UNCONSTRAINED, 0.0, heuristicPlan.elapsedMillis());
        }
        if (exact == null) {
            exact = new ExactOptimizer(limits); // loads the native solver only when first needed
        }
        return exact.solve(problem, warmStart);
    }

    /**
     * Whether every job that can be placed on its own was placed at a cost equal to its own cheapest
     * choice, ignoring every other job: then the plan attains the lower bound of both what the optimizer
     * maximises (jobs placed) and what it minimises (their cost).
     */
    static boolean eachAtItsOwnBest(Problem problem, Plan plan) {
        for (int j = 0; j < problem.jobs().size(); j++) {
            double best = Double.POSITIVE_INFINITY;
            for (Assignment option : GreedyOptimizer.bestPerSite(problem, problem.jobs().get(j))) {
                if (option.placed()) {
                    best = Math.min(best, option.costG());
                }
            }
            Assignment chosen = plan.assignments().get(j);
            if (best == Double.POSITIVE_INFINITY) {
                if (chosen.placed()) {
                    return false; // cannot happen with a valid plan; let the exact solver judge
                }
                continue;
            }
            if (!chosen.placed() || chosen.costG() > best + TOLERANCE * Math.max(1, Math.abs(best))) {
                return false;
            }
        }
        return true;
    }
}
