package io.caspian.optimizer;

/**
 * Exact when the instance is small enough for CP-SAT to finish within its limits, the heuristic
 * otherwise. Size is the number of (job, site, start slot) choices; the limit comes from the
 * benchmark (docs/optimizer.md): up to it CP-SAT proves optimality well inside the default 2 s on a
 * 2-core machine. Whatever is chosen, the plan names its solver.
 */
public final class AutoOptimizer implements Optimizer {

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
        if (exact == null) {
            exact = new ExactOptimizer(limits); // loads the native solver only when first needed
        }
        return exact.solve(problem, warmStart);
    }
}
