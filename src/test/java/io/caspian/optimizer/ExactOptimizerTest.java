package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactOptimizerTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private final ExactOptimizer exact = new ExactOptimizer(SolverLimits.DEFAULTS.withSafetyTimeLimit(LIMIT));

    @Test
    void equalsTheBruteForceOptimumOnSmallRandomInstances() {
        int compared = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Problem problem = RandomProblems.generate(seed, new RandomProblems.Shape(5, 2, 3, 0.6));
            if (BruteForce.assignments(problem) > 200_000) {
                continue;
            }
            BruteForce.Best best = BruteForce.optimum(problem);
            Plan plan = exact.solve(problem, null);

            assertThat(plan.status()).as("seed %d", seed).isEqualTo("OPTIMAL");
            assertThat(plan.optimalityGap()).isZero();
            Assignment[] chosen = plan.assignments().toArray(new Assignment[0]);
            assertThat(PlanRanking.weightedPlaced(problem, chosen)).as("jobs placed, seed %d", seed).isEqualTo(best.placed());
            // costs are rounded to whole milligrams in the model
            assertThat(PlanRanking.penalisedCost(problem, chosen)).as("seed %d", seed)
                    .isCloseTo(best.cost(), org.assertj.core.data.Offset.offset(0.01));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
    }

    @Test
    void capacityDeadlineAndAffinityHoldForBothSolversOnRandomInstances() {
        Optimizer greedy = new GreedyOptimizer();
        for (long seed = 100; seed < 140; seed++) {
            Problem problem = RandomProblems.generate(seed, new RandomProblems.Shape(30, 4, 8, 0.5));
            for (Plan plan : List.of(greedy.solve(problem, null), exact.solve(problem, null))) {
                assertThat(PlanValidator.violations(problem, plan)).as("%s, seed %d", plan.solver(), seed).isEmpty();
                for (int j = 0; j < problem.jobs().size(); j++) {
                    Job job = problem.jobs().get(j);
                    Assignment a = plan.assignments().get(j);
                    if (a.placed()) {
                        assertThat(job.allowedSites()[a.site()]).isTrue();
                        assertThat(a.startSlot()).isLessThanOrEqualTo(Math.max(0, job.latestStartSlot()));
                    } else {
                        assertThat(a.unplacedReason()).isNotBlank();
                    }
                }
            }
        }
    }

    @Test
    void aForbiddenMigrationIsNeverChosenEvenWhenItWouldSaveMost() {
        // a running job on a dirty site; the clean site is far cheaper but the move is forbidden
        Site dirty = new Site("dirty", "z1", 8, 32, 0, new double[] {900, 900, 900, 900});
        Site clean = new Site("clean", "z2", 8, 32, 0, new double[] {10, 10, 10, 10});
        Site middle = new Site("middle", "z3", 8, 32, 0, new double[] {500, 500, 500, 500});
        MigrationCostModel migration = new MigrationCostModel(1, Map.of(),
                Map.of("dirty", Set.of("clean")));
        Job running = new Job("j", 4, 8, 0, 4000, 180, 1, true, "dirty", 0, 10, new boolean[] {true, true, true}, 0);
        Job onlyClean = new Job("k", 4, 8, 0, 4000, 60, 1, true, "dirty", 0, 10, new boolean[] {false, true, false}, 0);
        Problem problem = new Problem(0, RandomProblems.HOUR, 3, List.of(dirty, clean, middle), List.of(running, onlyClean),
                migration);

        for (Plan plan : List.of(new GreedyOptimizer().solve(problem, null), exact.solve(problem, null))) {
            assertThat(plan.assignments().get(0).site()).as(plan.solver()).isEqualTo(2);
            assertThat(plan.assignments().get(1).placed()).as(plan.solver()).isFalse();
            assertThat(plan.assignments().get(1).unplacedReason()).contains("forbidden");
        }
        assertThat(migration.allowed("dirty", "middle")).isTrue();
        assertThat(migration.allowed("clean", "dirty")).isTrue();
        assertThat(migration.allowed(null, "clean")).isTrue();
    }

    @Test
    void aWarmStartIsTakenAndAnInvalidOneIgnored() {
        Problem problem = RandomProblems.generate(7, new RandomProblems.Shape(20, 3, 6, 0.6));
        Plan first = exact.solve(problem, null);
        Plan again = exact.solve(problem, first);
        Plan wrongSize = new Plan(List.of(), "x", "", Double.NaN, 0);

        assertThat(again.objective()).isCloseTo(first.objective(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(exact.solve(problem, wrongSize).status()).isEqualTo("OPTIMAL");
    }

    @Test
    void autoUsesTheExactSolverOnSmallRoundsAndTheHeuristicOnLargeOnes() {
        // tight capacity, so that the plan is not settled by every job taking its own cheapest choice
        Problem small = RandomProblems.generate(3, new RandomProblems.Shape(10, 3, 4, 0.2));
        Problem large = RandomProblems.generate(3, new RandomProblems.Shape(400, 6, 12, 0.8));
        AutoOptimizer auto = new AutoOptimizer(SolverLimits.DEFAULTS, 2_000);

        assertThat(CpSatModel.variableCount(small)).isLessThan(2_000);
        assertThat(CpSatModel.variableCount(large)).isGreaterThan(2_000);
        assertThat(auto.solve(small, null).solver()).isEqualTo(ExactOptimizer.NAME);
        assertThat(auto.solve(large, null).solver()).isEqualTo(GreedyOptimizer.NAME);
    }

    @Test
    void whenTheWorkLimitRunsOutEveryJobStillHasAnAnswerAndTheSolverIsNamed() {
        Problem problem = RandomProblems.generate(11, new RandomProblems.Shape(300, 6, 12, 0.4));
        Plan plan = new ExactOptimizer(SolverLimits.DEFAULTS.withDeterministicTime(0.001)).solve(problem, null);

        assertThat(plan.assignments()).hasSize(300).doesNotContainNull();
        assertThat(PlanValidator.violations(problem, plan)).isEmpty();
        if (plan.solver().equals(ExactOptimizer.NAME)) {
            assertThat(plan.status()).isIn("OPTIMAL", "FEASIBLE");
        } else {
            assertThat(plan.solver()).isEqualTo(GreedyOptimizer.NAME);
            assertThat(plan.status()).isIn(ExactOptimizer.FALLBACK_NO_SOLUTION, ExactOptimizer.FALLBACK_HEURISTIC_BETTER);
        }
    }

    @Test
    void whenTheWallClockSafetyNetCutsInEveryJobStillHasAnAnswerAndTheSolverIsNamed() {
        Problem problem = RandomProblems.generate(11, new RandomProblems.Shape(300, 6, 12, 0.4));
        Plan plan = new ExactOptimizer(SolverLimits.DEFAULTS.withSafetyTimeLimit(Duration.ofMillis(20))).solve(problem, null);

        assertThat(plan.assignments()).hasSize(300).doesNotContainNull();
        assertThat(PlanValidator.violations(problem, plan)).isEmpty();
        if (plan.solver().equals(ExactOptimizer.NAME)) {
            assertThat(plan.status()).isIn("OPTIMAL", "FEASIBLE");
        } else {
            assertThat(plan.solver()).isEqualTo(GreedyOptimizer.NAME);
            assertThat(plan.status()).isIn(ExactOptimizer.FALLBACK_NO_SOLUTION, ExactOptimizer.FALLBACK_HEURISTIC_BETTER,
                    ExactOptimizer.FALLBACK_TOO_LARGE);
        }
    }

    @Test
    void aRoundTooLargeForTheExactSolverGetsTheHeuristicsPlanNamedAsSuch() {
        Problem problem = RandomProblems.generate(5, new RandomProblems.Shape(2_000, 20, 12, 1.0));
        assertThat(CpSatModel.variableCount(problem)).isGreaterThan(ExactOptimizer.MAX_CHOICES);

        Plan plan = exact.solve(problem, null);

        assertThat(plan.solver()).isEqualTo(GreedyOptimizer.NAME);
        assertThat(plan.status()).isEqualTo(ExactOptimizer.FALLBACK_TOO_LARGE);
        assertThat(plan.elapsedMillis()).isLessThan(LIMIT.toMillis());
        assertThat(PlanValidator.violations(problem, plan)).isEmpty();
    }

    static int placed(Plan plan) {
        return (int) plan.assignments().stream().filter(Assignment::placed).count();
    }
}
