package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.testing.CpuLoad;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Same round, same plan: each solver plans the same random rounds on an idle machine and again while
 * busy threads load every core, and must return the very same assignments. With the old wall-clock
 * budget of the local search the loaded runs stopped earlier on rounds where the budget binds.
 */
class DeterminismTest {

    static final int BUSY_THREADS = 3;

    /** Budget-bound rounds: the local search stops on its budget, not because nothing improves. */
    static final long SMALL_BUDGET = 300_000;
    static final RandomProblems.Shape HEURISTIC_SHAPE = new RandomProblems.Shape(1_500, 10, 96, 0.7);
    /** Small rounds CP-SAT proves optimal, and larger ones where its work limit stops it first. */
    static final RandomProblems.Shape EXACT_SHAPE = new RandomProblems.Shape(30, 3, 12, 0.5);
    static final RandomProblems.Shape EXACT_CUT_SHAPE = new RandomProblems.Shape(200, 6, 12, 0.5);

    @Test
    void theLocalSearchBudgetBindsOnTheseRounds() {
        Problem problem = RandomProblems.generate(1, HEURISTIC_SHAPE);
        Plan small = new GreedyOptimizer(SMALL_BUDGET).solve(problem, null);
        Plan ample = new GreedyOptimizer(SMALL_BUDGET * 100).solve(problem, null);
        assertThat(small.assignments()).as("a larger budget gets further").isNotEqualTo(ample.assignments());
    }

    @Test
    void greedyAndLocalSearchGiveTheSamePlanOnAnIdleAndOnALoadedMachine() throws Exception {
        List<Problem> problems = problems(HEURISTIC_SHAPE, 3);
        Supplier<List<List<Assignment>>> solveAll = () -> solveAll(new GreedyOptimizer(SMALL_BUDGET), problems);
        List<List<Assignment>> idle = solveAll.get();
        List<List<Assignment>> loaded;
        try (CpuLoad load = CpuLoad.start(BUSY_THREADS)) {
            loaded = solveAll.get();
            assertThat(load.busy()).isTrue();
        }
        assertThat(loaded).isEqualTo(idle);
    }

    @Test
    void theShippedHeuristicGivesTheSamePlanOnAnIdleAndOnALoadedMachine() throws Exception {
        List<Problem> problems = problems(new RandomProblems.Shape(3_000, 20, 96, 1.0), 1);
        List<List<Assignment>> idle = solveAll(new GreedyOptimizer(), problems);
        List<List<Assignment>> loaded;
        try (CpuLoad load = CpuLoad.start(BUSY_THREADS)) {
            loaded = solveAll(new GreedyOptimizer(), problems);
        }
        assertThat(loaded).isEqualTo(idle);
    }

    @Test
    void cpSatGivesTheSamePlanOnAnIdleAndOnALoadedMachine() throws Exception {
        List<Problem> problems = new ArrayList<>(problems(EXACT_SHAPE, 2));
        problems.addAll(problems(EXACT_CUT_SHAPE, 2));
        // a work limit that binds on some rounds: their plans are FEASIBLE, cut by the limit, not proven
        ExactOptimizer exact = new ExactOptimizer(SolverLimits.DEFAULTS.withDeterministicTime(0.05));
        List<Plan> idle = new ArrayList<>();
        for (Problem problem : problems) {
            idle.add(exact.solve(problem, null));
        }
        List<Plan> loaded = new ArrayList<>();
        try (CpuLoad load = CpuLoad.start(BUSY_THREADS)) {
            for (Problem problem : problems) {
                loaded.add(exact.solve(problem, null));
            }
        }
        for (int k = 0; k < problems.size(); k++) {
            assertThat(loaded.get(k).assignments()).as("round %d", k).isEqualTo(idle.get(k).assignments());
            assertThat(loaded.get(k).status()).as("round %d", k).isEqualTo(idle.get(k).status());
            assertThat(loaded.get(k).solver()).as("round %d", k).isEqualTo(idle.get(k).solver());
        }
        assertThat(idle).extracting(Plan::status).as("proven on some rounds").contains("OPTIMAL");
        assertThat(idle).extracting(Plan::status).as("the limit binds on some round")
                .containsAnyOf("FEASIBLE", ExactOptimizer.FALLBACK_HEURISTIC_BETTER, ExactOptimizer.FALLBACK_NO_SOLUTION);
    }

    @Test
    void theOrderInWhichTheCallerListsTheJobsDoesNotChangeTheirPlaces() {
        Problem problem = RandomProblems.generate(5, new RandomProblems.Shape(800, 8, 96, 0.7));
        Problem shuffled = shuffled(problem, 99);
        assertThat(byId(shuffled, new GreedyOptimizer(SMALL_BUDGET).solve(shuffled, null)))
                .isEqualTo(byId(problem, new GreedyOptimizer(SMALL_BUDGET).solve(problem, null)));

        Problem small = RandomProblems.generate(5, EXACT_SHAPE);
        Problem smallShuffled = shuffled(small, 99);
        ExactOptimizer exact = new ExactOptimizer(SolverLimits.DEFAULTS.withDeterministicTime(0.05));
        assertThat(byId(smallShuffled, exact.solve(smallShuffled, null))).isEqualTo(byId(small, exact.solve(small, null)));
    }

    private static List<Problem> problems(RandomProblems.Shape shape, int count) {
        List<Problem> problems = new ArrayList<>();
        for (long seed = 1; seed <= count; seed++) {
            problems.add(RandomProblems.generate(seed, shape));
        }
        return problems;
    }

    private static List<List<Assignment>> solveAll(Optimizer optimizer, List<Problem> problems) {
        List<List<Assignment>> plans = new ArrayList<>();
        for (Problem problem : problems) {
            plans.add(optimizer.solve(problem, null).assignments());
        }
        return plans;
    }

    private static Problem shuffled(Problem problem, long seed) {
        List<Job> jobs = new ArrayList<>(problem.jobs());
        Collections.shuffle(jobs, new Random(seed));
        return new Problem(problem.startMillis(), problem.slotMillis(), problem.horizonSlots(), problem.sites(), jobs,
                problem.migration());
    }

    private static Map<String, Assignment> byId(Problem problem, Plan plan) {
        Map<String, Assignment> byId = new HashMap<>();
        for (int j = 0; j < problem.jobs().size(); j++) {
            byId.put(problem.jobs().get(j).id(), plan.assignments().get(j));
        }
        return byId;
    }
}
