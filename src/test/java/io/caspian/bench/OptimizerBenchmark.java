package io.caspian.bench;

import io.caspian.optimizer.Assignment;
import io.caspian.optimizer.AutoOptimizer;
import io.caspian.optimizer.ExactOptimizer;
import io.caspian.optimizer.GreedyOptimizer;
import io.caspian.optimizer.Optimizer;
import io.caspian.optimizer.Plan;
import io.caspian.optimizer.PlanRanking;
import io.caspian.optimizer.PlanValidator;
import io.caspian.optimizer.Problem;
import io.caspian.optimizer.RandomProblems;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints how fast the optimizers solve one scheduling round, and how close the heuristic and a
 * time-limited CP-SAT get to optimal. Run it as docs/optimizer.md says; figures are medians of
 * repeated runs after a warm-up, on random rounds with 30 % running jobs, affinity, deadlines and some
 * forbidden moves.
 */
public final class OptimizerBenchmark {

    private static final int REPEATS = 5;

    private OptimizerBenchmark() {}

    public static void main(String[] args) {
        Duration limit = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 2);
        System.out.printf(Locale.ROOT, "CASPIAN optimizer benchmark (%d cores available, CP-SAT limit %s)%n",
                Runtime.getRuntime().availableProcessors(), limit);

        System.out.println("\n== one round, heuristic (target <= 1000 ms) ==");
        time("greedy 10,000 x 20 x 12", new GreedyOptimizer(), shape(10_000, 20, 12, 1.0));

        System.out.println("\n== small round (target <= 50 ms) ==");
        time("greedy 100 x 3 x 12", new GreedyOptimizer(), shape(100, 3, 12, 1.0));
        time("auto (CP-SAT) 100 x 3 x 12", new AutoOptimizer(limit), shape(100, 3, 12, 1.0));

        System.out.println("\n== CP-SAT within its time limit, and the heuristic against it ==");
        for (RandomProblems.Shape shape : new RandomProblems.Shape[] {shape(100, 3, 12, 0.6), shape(500, 10, 12, 0.6),
                shape(2_000, 20, 12, 0.6)}) {
            gap(shape, limit);
        }

        System.out.println("\n== growth of one heuristic round (20 clusters x 12 slots) ==");
        for (int jobs : new int[] {100, 1_000, 10_000, 100_000}) {
            time(String.format(Locale.ROOT, "greedy %,d x 20 x 12", jobs), new GreedyOptimizer(), shape(jobs, 20, 12, 1.0));
        }
        for (int jobs : new int[] {10_000, 100_000}) {
            time(String.format(Locale.ROOT, "greedy passes only %,d x 20 x 12", jobs), new GreedyOptimizer(false),
                    shape(jobs, 20, 12, 1.0));
        }
    }

    private static RandomProblems.Shape shape(int jobs, int sites, int slots, double capacity) {
        return new RandomProblems.Shape(jobs, sites, slots, capacity);
    }

    private static void time(String name, Optimizer optimizer, RandomProblems.Shape shape) {
        Problem problem = RandomProblems.generate(42, shape);
        optimizer.solve(problem, null); // warm-up: class loading, JIT, natives
        long[] millis = new long[REPEATS];
        Plan plan = null;
        for (int i = 0; i < REPEATS; i++) {
            long started = System.nanoTime();
            plan = optimizer.solve(problem, null);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-36s median %6d ms (min %d, max %d)  solver %s/%s, placed %d/%d, valid %s%n", name,
                millis[REPEATS / 2], millis[0], millis[REPEATS - 1], plan.solver(), plan.status(), placed(plan),
                shape.jobs(), PlanValidator.feasible(problem, plan));
    }

    private static void gap(RandomProblems.Shape shape, Duration limit) {
        Problem problem = RandomProblems.generate(7, shape);
        Plan exact = new ExactOptimizer(limit).solve(problem, null);
        Plan greedy = new GreedyOptimizer().solve(problem, null);
        Assignment[] e = exact.assignments().toArray(new Assignment[0]);
        Assignment[] g = greedy.assignments().toArray(new Assignment[0]);
        double heuristicVsExact = (PlanRanking.penalisedCost(problem, g) - PlanRanking.penalisedCost(problem, e))
                / PlanRanking.penalisedCost(problem, e);
        System.out.printf(Locale.ROOT,
                "%,6d x %2d x %2d: CP-SAT %s/%s in %d ms, gap to its bound %.4f; greedy in %d ms, placed %d vs %d, "
                        + "cost %+.2f %% against CP-SAT's plan%n",
                shape.jobs(), shape.sites(), shape.slots(), exact.solver(), exact.status(), exact.elapsedMillis(),
                exact.optimalityGap(), greedy.elapsedMillis(), placed(greedy), placed(exact), 100 * heuristicVsExact);
    }

    private static int placed(Plan plan) {
        return (int) plan.assignments().stream().filter(Assignment::placed).count();
    }
}
