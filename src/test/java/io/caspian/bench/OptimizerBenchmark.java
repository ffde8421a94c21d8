package io.caspian.bench;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.optimizer.Assignment;
import io.caspian.optimizer.ExactOptimizer;
import io.caspian.optimizer.GreedyOptimizer;
import io.caspian.optimizer.Optimizer;
import io.caspian.optimizer.Optimizers;
import io.caspian.optimizer.Plan;
import io.caspian.optimizer.PlanRanking;
import io.caspian.optimizer.PlanValidator;
import io.caspian.optimizer.Problem;
import io.caspian.optimizer.RandomProblems;
import io.caspian.optimizer.SolverLimits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints how fast the optimizers solve one scheduling round at the shipped slot and horizon (15-minute
 * slots over 24 h: 96 slots) and with the shipped solver settings, and how close the heuristic and
 * CP-SAT within its work limit get to optimal. Figures are medians of repeated runs after a warm-up, on
 * random rounds with 30 % running jobs, affinity, deadlines and some forbidden moves. Run it as
 * docs/optimizer.md says; {@code BenchmarkSmokeTest} runs it at a tiny size so that it keeps
 * working.
 *
 * <p>Options ({@code --name=value}): {@code jobs} (10000), {@code large-jobs} (100000), {@code sites}
 * (20), {@code small-jobs} (50, the round CP-SAT solves), {@code repeats} (5), {@code growth}
 * (100,1000,10000,100000); slots always come from the shipped configuration unless {@code slots} is given.
 */
public final class OptimizerBenchmark {

    /** One timed line: what ran, the median wall time, and what it produced. */
    public record Row(String name, long medianMillis, String solver, String status, int placed, int jobs, double costG,
            boolean valid) {}

    private OptimizerBenchmark() {}

    public static void main(String[] args) {
        run(StreamingThroughputBench.options(args), System.out);
    }

    public static List<Row> run(Map<String, String> opts, PrintStream out) {
        CaspianConfig.Scheduler shipped = ConfigLoader.defaults().scheduler();
        SolverLimits limits = Optimizers.limits(shipped);
        int slots = Integer.parseInt(opts.getOrDefault("slots", Integer.toString(shipped.horizonSlots())));
        int sites = Integer.parseInt(opts.getOrDefault("sites", "20"));
        int jobs = Integer.parseInt(opts.getOrDefault("jobs", "10000"));
        int largeJobs = Integer.parseInt(opts.getOrDefault("large-jobs", "100000"));
        int smallJobs = Integer.parseInt(opts.getOrDefault("small-jobs", "50"));
        int repeats = Integer.parseInt(opts.getOrDefault("repeats", "5"));
        int[] growth = Arrays.stream(opts.getOrDefault("growth", "100,1000,10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Row> rows = new ArrayList<>();

        out.printf(Locale.ROOT, "CASPIAN optimizer benchmark: %d cores, %d slots of %s (shipped: %s over %s), solver %s, "
                        + "local search budget %,d, CP-SAT %.1f deterministic units (safety net %s)%n",
                Runtime.getRuntime().availableProcessors(), slots, shipped.slot(), shipped.slot(), shipped.horizon(),
                shipped.solver().name().toLowerCase(Locale.ROOT), limits.localSearchBudget(), limits.deterministicTime(),
                limits.safetyTimeLimit());

        out.println("\n== one round with the shipped solver settings (targets: <= 1000 ms, and <= 10 s at 100,000) ==");
        Optimizer shippedOptimizer = Optimizers.create(shipped);
        rows.add(time(out, label("shipped", jobs, sites, slots), shippedOptimizer, shape(jobs, sites, slots, 1.0), repeats));
        rows.add(time(out, label("shipped", largeJobs, sites, slots), shippedOptimizer, shape(largeJobs, sites, slots, 1.0),
                Math.min(repeats, 3)));
        rows.add(time(out, label("greedy passes only", jobs, sites, slots), new GreedyOptimizer(false),
                shape(jobs, sites, slots, 1.0), repeats));
        rows.add(time(out, label("greedy passes only", largeJobs, sites, slots), new GreedyOptimizer(false),
                shape(largeJobs, sites, slots, 1.0), Math.min(repeats, 3)));

        out.println("\n== the same round twice: the same plan? ==");
        Problem problem = RandomProblems.generate(42, shape(jobs, sites, slots, 1.0));
        Plan first = shippedOptimizer.solve(problem, null);
        Plan again = shippedOptimizer.solve(problem, null);
        out.printf(Locale.ROOT, "%s: identical plans %s%n", label("shipped", jobs, sites, slots),
                first.assignments().equals(again.assignments()));

        out.println("\n== CP-SAT within its work limit, and the heuristic against it (capacity for 60 % of demand) ==");
        new ExactOptimizer(limits); // loads the natives before anything is timed
        for (int n : new int[] {smallJobs, smallJobs * 4}) {
            gap(out, shape(n, Math.max(2, Math.min(sites, 5)), slots, 0.6), limits);
        }

        out.printf(Locale.ROOT, "%n== growth of one heuristic round (%d clusters x %d slots) ==%n", sites, slots);
        for (int n : growth) {
            rows.add(time(out, label("greedy + local search", n, sites, slots), new GreedyOptimizer(limits.localSearchBudget()),
                    shape(n, sites, slots, 1.0), n >= 100_000 ? Math.min(repeats, 3) : repeats));
        }
        return rows;
    }

    private static String label(String what, int jobs, int sites, int slots) {
        return String.format(Locale.ROOT, "%s %,d x %d x %d", what, jobs, sites, slots);
    }

    private static RandomProblems.Shape shape(int jobs, int sites, int slots, double capacity) {
        return new RandomProblems.Shape(jobs, sites, slots, capacity);
    }

    private static Row time(PrintStream out, String name, Optimizer optimizer, RandomProblems.Shape shape, int repeats) {
        Problem problem = RandomProblems.generate(42, shape);
        optimizer.solve(problem, null); // warm-up: class loading, JIT, natives
        long[] millis = new long[repeats];
        Plan plan = null;
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            plan = optimizer.solve(problem, null);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        Row row = new Row(name, millis[repeats / 2], plan.solver(), plan.status(), placed(plan), shape.jobs(),
                PlanRanking.penalisedCost(problem, plan.assignments().toArray(new Assignment[0])),
                PlanValidator.feasible(problem, plan));
        out.printf(Locale.ROOT, "%-44s median %6d ms (min %d, max %d)  solver %s/%s, placed %d/%d, cost %.1f g, valid %s%n",
                name, row.medianMillis(), millis[0], millis[repeats - 1], row.solver(), row.status(), row.placed(), row.jobs(),
                row.costG(), row.valid());
        return row;
    }

    private static void gap(PrintStream out, RandomProblems.Shape shape, SolverLimits limits) {
        Problem problem = RandomProblems.generate(7, shape);
        long started = System.nanoTime();
        Plan exact = new ExactOptimizer(limits).solve(problem, null);
        long exactMillis = (System.nanoTime() - started) / 1_000_000;
        Plan greedy = new GreedyOptimizer(limits.localSearchBudget()).solve(problem, null);
        Assignment[] e = exact.assignments().toArray(new Assignment[0]);
        Assignment[] g = greedy.assignments().toArray(new Assignment[0]);
        double heuristicVsExact = (PlanRanking.penalisedCost(problem, g) - PlanRanking.penalisedCost(problem, e))
                / PlanRanking.penalisedCost(problem, e);
        out.printf(Locale.ROOT,
                "%,6d x %2d x %2d (%,d choices): CP-SAT %s/%s in %d ms, gap to its bound %.4f; greedy in %d ms, "
                        + "placed %d vs %d, cost %+.2f %% against CP-SAT's plan%n",
                shape.jobs(), shape.sites(), shape.slots(), choices(problem), exact.solver(), exact.status(), exactMillis,
                exact.optimalityGap(), greedy.elapsedMillis(), placed(greedy), placed(exact), 100 * heuristicVsExact);
    }

    private static long choices(Problem problem) {
        long count = 0;
        for (var job : problem.jobs()) {
            for (int site = 0; site < problem.sites().size(); site++) {
                count += problem.allowed(job, site) ? job.lastCandidateSlot(problem.horizonSlots()) + 1 : 0;
            }
        }
        return count;
    }

    private static int placed(Plan plan) {
        return (int) plan.assignments().stream().filter(Assignment::placed).count();
    }
}
