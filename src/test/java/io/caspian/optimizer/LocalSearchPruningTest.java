package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local search skips a swap when the blocker's cheapest other choice, regardless of capacity,
 * already makes it no cheaper: the plan must be exactly the one it makes without skipping, on rounds
 * where capacity binds and running jobs pay to move, and under a budget that runs out.
 */
class LocalSearchPruningTest {

    @ParameterizedTest(name = "seed {0}: {1} jobs x {2} sites x {3} slots, capacity {4}, budget {5}")
    @CsvSource({
        "1, 300, 6, 24, 0.5, 30000000",
        "2, 400, 8, 96, 0.7, 30000000",
        "3, 600, 10, 48, 0.4, 200000",
        "4, 200, 4, 96, 1.2, 30000000",
        "5, 800, 20, 96, 0.6, 3000000"})
    void skippingSwapsThatCannotPayLeavesThePlanAsItWas(long seed, int jobs, int sites, int slots, double capacity,
            long budget) {
        Problem problem = RandomProblems.generate(seed, new RandomProblems.Shape(jobs, sites, slots, capacity));
        Integer[] order = GreedyOptimizer.bySlack(problem);
        GreedyOptimizer greedy = new GreedyOptimizer(budget);
        Assignment[] exhaustive = greedy.attempt(problem, order, new WorkBudget(budget), false);
        Assignment[] pruned = greedy.attempt(problem, order, new WorkBudget(budget), true);
        assertThat(Arrays.asList(pruned)).isEqualTo(Arrays.asList(exhaustive));
        assertThat(PlanRanking.penalisedCost(problem, pruned)).isEqualTo(PlanRanking.penalisedCost(problem, exhaustive));
    }
}
