package io.caspian.optimizer;

import io.caspian.config.CaspianConfig;

/** Picks the optimizer the configuration asks for. */
public final class Optimizers {

    private Optimizers() {}

    public static Optimizer create(CaspianConfig.Scheduler scheduler) {
        SolverLimits limits = limits(scheduler);
        return switch (scheduler.solver()) {
            case GREEDY -> new GreedyOptimizer(limits.localSearchBudget());
            case EXACT -> new ExactOptimizer(limits);
            case AUTO -> new AutoOptimizer(limits);
        };
    }

    public static SolverLimits limits(CaspianConfig.Scheduler scheduler) {
        return new SolverLimits(scheduler.localSearchBudget(), scheduler.solverDeterministicTime(), scheduler.solverTimeLimit());
    }
}
