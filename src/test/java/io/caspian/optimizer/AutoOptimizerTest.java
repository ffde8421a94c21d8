package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The auto solver's shortcut: a plan at every job's own cheapest choice is optimal, and only then is CP-SAT skipped. */
class AutoOptimizerTest {

    private static long placed(Plan plan) {
        return plan.assignments().stream().filter(Assignment::placed).count();
    }

    @Test
    void withRoomToSpareTheHeuristicsPlanIsProvenOptimalAndEqualsCpSats() {
        int shortcuts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Problem roomy = RandomProblems.generate(seed, new RandomProblems.Shape(12, 3, 8, 50.0));
            Plan auto = new AutoOptimizer(SolverLimits.DEFAULTS).solve(roomy, null);
            Plan exact = new ExactOptimizer(SolverLimits.DEFAULTS).solve(roomy, null);
            assertThat(placed(auto)).as("seed " + seed).isEqualTo(placed(exact));
            assertThat(auto.objective()).as("seed " + seed).isCloseTo(exact.objective(), Offset.offset(1e-6 * Math.max(1, exact.objective())));
            if (AutoOptimizer.UNCONSTRAINED.equals(auto.status())) {
                shortcuts++;
                assertThat(AutoOptimizer.eachAtItsOwnBest(roomy, exact)).isTrue();
            }
        }
        assertThat(shortcuts).as("rounds with room to spare skip CP-SAT").isGreaterThan(10);
    }

    @Test
    void whenCapacityBindsCpSatDecides() {
        int exactRounds = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Problem tight = RandomProblems.generate(seed, new RandomProblems.Shape(12, 3, 8, 0.3));
            Plan auto = new AutoOptimizer(SolverLimits.DEFAULTS).solve(tight, null);
            Plan exact = new ExactOptimizer(SolverLimits.DEFAULTS).solve(tight, null);
            assertThat(placed(auto)).as("seed " + seed).isEqualTo(placed(exact));
            assertThat(auto.objective()).as("seed " + seed).isCloseTo(exact.objective(), Offset.offset(1e-6 * Math.max(1, exact.objective())));
            if (!AutoOptimizer.UNCONSTRAINED.equals(auto.status())) {
                exactRounds++;
                assertThat(auto.solver()).isEqualTo(ExactOptimizer.NAME);
            }
        }
        assertThat(exactRounds).as("tight rounds go to CP-SAT").isGreaterThan(10);
    }
}
