package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyOptimizerTest {

    private final GreedyOptimizer greedy = new GreedyOptimizer();

    @Test
    void placesAPendingJobWhereAndWhenCarbonIsLeast() {
        Problem problem = new ProblemBuilder()
                .site("a", 10, 500, 500, 500)
                .site("b", 10, 400, 200, 400)
                .pending("j", 2, 60, 5)
                .build();
        Assignment a = greedy.solve(problem, null).assignments().get(0);
        assertThat(a.site()).isEqualTo(1);
        assertThat(a.startSlot()).isEqualTo(1);
        assertThat(a.carbonG()).isEqualTo(200.0); // 1 kW for 1 h at 200 g/kWh
    }

    @Test
    void neverStartsAfterTheLatestStartSlot() {
        Problem problem = new ProblemBuilder()
                .site("a", 10, 500, 500, 100)
                .pending("j", 2, 60, 1)
                .build();
        assertThat(greedy.solve(problem, null).assignments().get(0).startSlot()).isLessThanOrEqualTo(1);
    }

    @Test
    void keepsCapacityInEverySlot() {
        Problem problem = new ProblemBuilder()
                .site("green", 4, 100, 100, 100, 100)
                .site("grey", 4, 600, 600, 600, 600)
                .pending("first", 3, 120, 0)
                .pending("second", 3, 120, 0)
                .build();
        Plan plan = greedy.solve(problem, null);
        assertThat(plan.assignments()).extracting(Assignment::site).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void anAlternativeIsLargerThanTheClusterExactlyWhenTheOccupancyWouldNeverFitIt() {
        // 1.0004 cores: a demand of 1,001 thousandths (rounded up) against a capacity of 1,000 (rounded down)
        Problem problem = new ProblemBuilder().site("tight", 1.0004, 100).site("roomy", 1.002, 100).pending("j", 1.0004, 60, 3).build();
        List<Assignment> options = GreedyOptimizer.bestPerSite(problem, problem.jobs().get(0));
        Occupancy empty = new Occupancy(problem);
        assertThat(options.get(0).unplacedReason()).isEqualTo("larger than the cluster");
        assertThat(empty.fits(problem.jobs().get(0), 0, 0)).isFalse();
        assertThat(options.get(1).placed()).isTrue();
        assertThat(empty.fits(problem.jobs().get(0), 1, 0)).isTrue();
    }

    @Test
    void saysWhyWhenNothingFits() {
        Problem problem = new ProblemBuilder().site("small", 2, 100).pending("big", 8, 60, 3).build();
        Assignment a = greedy.solve(problem, null).assignments().get(0);
        assertThat(a.placed()).isFalse();
        assertThat(a.unplacedReason()).contains("capacity");
    }

    @Test
    void runningJobStaysWhenTheSavingIsBelowTheMigrationCost() {
        // 1 kW for 60 min: moving saves (450 - 400) g = 50 g, less than lambda 100 g
        Problem problem = new ProblemBuilder()
                .site("here", 10, 450)
                .site("there", 10, 400)
                .running("j", 2, 60, 10, 0)
                .build();
        Assignment a = greedy.solve(problem, null).assignments().get(0);
        assertThat(a.site()).isZero();
        assertThat(a.migrationCostG()).isZero();
    }

    @Test
    void runningJobMovesWhenTheSavingExceedsTheMigrationCost() {
        // moving saves 300 g over the remaining hour, more than lambda 100 g
        Problem problem = new ProblemBuilder()
                .site("here", 10, 700)
                .site("there", 10, 400)
                .running("j", 2, 60, 10, 0)
                .build();
        Assignment a = greedy.solve(problem, null).assignments().get(0);
        assertThat(a.site()).isEqualTo(1);
        assertThat(a.migrationCostG()).isEqualTo(100.0);
        assertThat(a.startSlot()).isZero();
    }

    @Test
    void aRunningJobIsNeverEvictedByAnotherRunningJob() {
        // "b" would like to move into "green", but "a" already runs there and fills it
        Problem problem = new ProblemBuilder()
                .site("green", 4, 100)
                .site("grey", 4, 900)
                .running("a", 4, 60, 0, 0)
                .running("b", 4, 60, 0, 1)
                .build();
        Plan plan = greedy.solve(problem, null);
        assertThat(plan.assignments().get(0).site()).isZero();
        assertThat(plan.assignments().get(1).site()).isEqualTo(1);
    }

    @Test
    void carbonOfAPartialLastSlotCountsOnlyItsMinutes() {
        Problem problem = new ProblemBuilder().site("a", 10, 100, 400).pending("j", 1, 90, 0).build();
        // 60 min at 100 + 30 min at 400, 1 kW
        assertThat(problem.carbon(problem.jobs().get(0), 0, 0)).isEqualTo(100.0 + 200.0);
    }
}
