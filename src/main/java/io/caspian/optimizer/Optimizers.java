package io.caspian.optimizer;

import io.caspian.config.CaspianConfig;

/** Picks the optimizer the configuration asks for. */
public final class Optimizers {

    private Optimizers() {}

    public static Optimizer create(CaspianConfig.Scheduler scheduler) {
        return switch (scheduler.solver()) {
            case GREEDY, AUTO -> new GreedyOptimizer();
            case EXACT -> throw new IllegalArgumentException(
                    "scheduler.solver=exact is not available in this build; use greedy or auto");
        };
    }
}
