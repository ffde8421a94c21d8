package io.caspian.optimizer;

import io.caspian.config.CaspianConfig;

/** Picks the optimizer the configuration asks for. */
public final class Optimizers {

    private Optimizers() {}

    public static Optimizer create(CaspianConfig.Scheduler scheduler) {
        return switch (scheduler.solver()) {
            case GREEDY -> new GreedyOptimizer();
            case EXACT -> new ExactOptimizer(scheduler.solverTimeLimit());
            case AUTO -> new AutoOptimizer(scheduler.solverTimeLimit());
        };
    }
}
