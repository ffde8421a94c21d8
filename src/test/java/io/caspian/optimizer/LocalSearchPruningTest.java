package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local search skips a swap when the blocker's cheapest other choice, regardless of capacity,
 * already makes it no cheaper, and an attempt on a job in the way interchangeable with the one refused
 * just before: the plan must be exactly the one it makes without skipping, on rounds where capacity
 * binds and running jobs pay to move, and under a budget that runs out.
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
        samePlanWithAndWithoutShortcuts(RandomProblems.generate(seed, new RandomProblems.Shape(jobs, sites, slots, capacity)), budget);
    }

    @ParameterizedTest(name = "seed {0}: {1} copies of {2} jobs x {3} sites x {4} slots, capacity {5}, budget {6}")
    @CsvSource({
        "11, 300, 3, 6, 24, 0.5, 30000000",
        "12, 400, 5, 8, 96, 0.7, 30000000",
        "13, 600, 2, 10, 48, 0.4, 200000",
        "14, 500, 8, 20, 96, 0.6, 3000000",
        "15, 400, 4, 8, 96, 0.7, 400000",
        "16, 400, 4, 8, 96, 0.7, 1000000",
        "17, 800, 6, 12, 96, 0.6, 2000000"})
    void skippingAttemptsOnInterchangeableJobsLeavesThePlanAsItWas(long seed, int jobs, int kinds, int sites, int slots,
            double capacity, long budget) {
        samePlanWithAndWithoutShortcuts(
                RandomProblems.generateCopies(seed, new RandomProblems.Shape(jobs, sites, slots, capacity), kinds), budget);
    }

    private static void samePlanWithAndWithoutShortcuts(Problem problem, long budget) {
        Integer[] order = GreedyOptimizer.bySlack(problem);
        GreedyOptimizer greedy = new GreedyOptimizer(budget);
        WorkBudget exhaustiveWork = new WorkBudget(budget);
        WorkBudget prunedWork = new WorkBudget(budget);
        Assignment[] exhaustive = greedy.attempt(problem, order, exhaustiveWork, false);
        Assignment[] pruned = greedy.attempt(problem, order, prunedWork, true);
        assertThat(Arrays.asList(pruned)).isEqualTo(Arrays.asList(exhaustive));
        // the work skipped is counted as if done, so a budget runs out at the same step either way
        assertThat(prunedWork.spent()).isEqualTo(exhaustiveWork.spent());
        assertThat(PlanRanking.penalisedCost(problem, pruned)).isEqualTo(PlanRanking.penalisedCost(problem, exhaustive));
    }
}
