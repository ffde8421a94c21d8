package io.caspian.replay;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import io.caspian.optimizer.ExactOptimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offline optimum of a back-test: every arrival known in advance and the carbon trace known
 * exactly, each workload started once (never moved) at a round of the same grid the online rounds use,
 * within its window, on a cluster its affinity allows, without any cluster's cores or memory being
 * exceeded at any step. It is the yardstick the online policy is measured against under contention,
 * where the perfect-foresight run of the same online policy is not a ceiling.
 *
 * <p>Solved in three ways, the first that applies:
 * <ol>
 *   <li>each workload's own cheapest option, when together they fit every cluster at every step: then
 *       nothing binds, and that is the optimum ({@link Kind#OPTIMAL});</li>
 *   <li>CP-SAT over one Boolean per option (exactly one per workload, or none at a penalty above any
 *       carbon, so that as many as possible run), a capacity constraint per cluster and step, and
 *       carbon in milligrams as the objective, when the model has at most {@code maxOptions} options:
 *       {@link Kind#OPTIMAL} when proven, else {@link Kind#BEST_FOUND} with CP-SAT's proven lower bound;</li>
 *   <li>otherwise each workload's cheapest option with capacity ignored: a proven lower bound
 *       ({@link Kind#LOWER_BOUND}), not a plan.</li>
 * </ol>
 */
public final class OfflineOptimum {

    /** How the figure was obtained. */
    public enum Kind {
        OPTIMAL,
        BEST_FOUND,
        LOWER_BOUND
    }

    /**
     * One workload as the offline solver sees it.
     *
     * @param earliestMillis the first round that may start it
     * @param deadlineMillis when its run must have ended
     * @param allowed the clusters it may run on
     */
    public record Task(String id, long earliestMillis, long deadlineMillis, long runtimeMillis, double cpu, double memGb,
            double watts, List<String> allowed) {}

    /** A cluster's zone and capacity. */
    public record Site(String name, String zone, double cpu, double memGb) {}

    /**
     * @param gramsByTask each workload's carbon in the solution (the relaxation's for a lower bound); a
     *     workload with no option, or left out, is absent
     * @param lowerBoundG a proven lower bound on the optimum's total
     * @param unplaced workloads that no option could run (no window, no data) or the solution left out
     */
    public record Result(Kind kind, double totalG, double lowerBoundG, Map<String, Double> gramsByTask, int unplaced,
            int options, double seconds) {}

    /** One way to run a task. */
    private record Option(int task, int site, long start, double grams) {}

    private OfflineOptimum() {}

    public static Result solve(List<Task> tasks, List<Site> sites, CarbonTrace trace, long stepMillis, int maxOptions,
            double timeLimitSeconds) {
        long started = System.nanoTime();
        List<List<Option>> options = options(tasks, sites, trace, stepMillis);
        int count = options.stream().mapToInt(List::size).sum();
        Option[] cheapest = new Option[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            for (Option o : options.get(t)) {
                if (cheapest[t] == null || o.grams() < cheapest[t].grams()) {
                    cheapest[t] = o;
                }
            }
        }
        // each workload at its own cheapest option, capacity ignored: a proven lower bound, and the optimum when it fits
        List<Option> relaxation = java.util.Arrays.stream(cheapest).filter(java.util.Objects::nonNull).toList();
        double relaxed = total(relaxation);
        if (fits(relaxation, tasks, sites, stepMillis)) {
            return result(Kind.OPTIMAL, relaxation, relaxed, tasks, count, started);
        }
        if (count > maxOptions) {
            return result(Kind.LOWER_BOUND, relaxation, relaxed, tasks, count, started);
        }
        return cpSat(tasks, sites, options, stepMillis, timeLimitSeconds, relaxation, count, started);
    }

    /** Every start on the step grid from the earliest round, on every allowed site, whose carbon the trace knows. */
    private static List<List<Option>> options(List<Task> tasks, List<Site> sites, CarbonTrace trace, long stepMillis) {
        List<List<Option>> all = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            Task task = tasks.get(t);
            List<Option> mine = new ArrayList<>();
            for (int s = 0; s < sites.size(); s++) {
                Site site = sites.get(s);
                if (!task.allowed().contains(site.name()) || task.cpu() > site.cpu() || task.memGb() > site.memGb()) {
                    continue;
                }
                for (long start = task.earliestMillis(); start + task.runtimeMillis() <= task.deadlineMillis(); start += stepMillis) {
                    double grams = trace.grams(site.zone(), task.watts(), start, start + task.runtimeMillis());
                    if (!Double.isNaN(grams)) {
                        mine.add(new Option(t, s, start, grams));
                    }
                }
            }
            all.add(mine);
        }
        return all;
    }

    /** The steps of the grid a run overlaps, as step indices from the epoch. */
    private static long firstStep(Option o, long stepMillis) {
        return Math.floorDiv(o.start(), stepMillis);
    }

    private static long lastStep(Option o, Task task, long stepMillis) {
        return Math.floorDiv(o.start() + task.runtimeMillis() - 1, stepMillis);
    }

    private static boolean fits(List<Option> chosen, List<Task> tasks, List<Site> sites, long stepMillis) {
        Map<Long, double[]> used = new HashMap<>();
        for (Option o : chosen) {
            Task task = tasks.get(o.task());
            for (long step = firstStep(o, stepMillis); step <= lastStep(o, task, stepMillis); step++) {
                double[] load = used.computeIfAbsent(step * sites.size() + o.site(), k -> new double[2]);
                load[0] += task.cpu();
                load[1] += task.memGb();
                Site site = sites.get(o.site());
                if (load[0] > site.cpu() + 1e-9 || load[1] > site.memGb() + 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Result cpSat(List<Task> tasks, List<Site> sites, List<List<Option>> options, long stepMillis,
            double timeLimitSeconds, List<Option> relaxation, int count, long started) {
        double relaxed = total(relaxation);
        ExactOptimizer.loadNatives();
        CpModel model = new CpModel();
        long maxMg = 1;
        for (List<Option> mine : options) {
            for (Option o : mine) {
                maxMg = Math.max(maxMg, milligrams(o.grams()));
            }
        }
        // leaving a workload out costs more than all the carbon of all the others: as many as possible run
        long penalty = (tasks.size() + 1L) * maxMg + 1;
        List<BoolVar> vars = new ArrayList<>();
        List<Long> costs = new ArrayList<>();
        List<Option> varOptions = new ArrayList<>();
        // per (step, site): the variables that use it and their demands
        Map<Long, List<BoolVar>> usersByCell = new TreeMap<>();
        Map<Long, List<Long>> cpuByCell = new HashMap<>();
        Map<Long, List<Long>> memByCell = new HashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            List<Option> mine = options.get(t);
            if (mine.isEmpty()) {
                continue;
            }
            Task task = tasks.get(t);
            List<BoolVar> one = new ArrayList<>();
            for (Option o : mine) {
                BoolVar x = model.newBoolVar("x" + vars.size());
                vars.add(x);
                costs.add(milligrams(o.grams()));
                varOptions.add(o);
                one.add(x);
                for (long step = firstStep(o, stepMillis); step <= lastStep(o, task, stepMillis); step++) {
                    long cell = step * sites.size() + o.site();
                    usersByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(x);
                    cpuByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(Math.round(task.cpu() * 1000));
                    memByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(Math.round(task.memGb() * 1000));
                }
            }
            BoolVar none = model.newBoolVar("none" + t);
            vars.add(none);
            costs.add(penalty);
            varOptions.add(null);
            one.add(none);
            model.addExactlyOne(one.toArray(new BoolVar[0]));
        }
        for (Map.Entry<Long, List<BoolVar>> cell : usersByCell.entrySet()) {
            Site site = sites.get((int) Math.floorMod(cell.getKey(), (long) sites.size()));
            BoolVar[] users = cell.getValue().toArray(new BoolVar[0]);
            model.addLessOrEqual(LinearExpr.weightedSum(users, toArray(cpuByCell.get(cell.getKey()))), Math.round(site.cpu() * 1000));
            model.addLessOrEqual(LinearExpr.weightedSum(users, toArray(memByCell.get(cell.getKey()))), Math.round(site.memGb() * 1000));
        }
        model.minimize(LinearExpr.weightedSum(vars.toArray(new BoolVar[0]), toArray(costs)));
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setRandomSeed(1).setMaxTimeInSeconds(timeLimitSeconds);
        CpSolverStatus status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return result(Kind.LOWER_BOUND, relaxation, relaxed, tasks, count, started);
        }
        List<Option> chosen = new ArrayList<>();
        for (int v = 0; v < vars.size(); v++) {
            if (varOptions.get(v) != null && solver.booleanValue(vars.get(v))) {
                chosen.add(varOptions.get(v));
            }
        }
        Kind kind = status == CpSolverStatus.OPTIMAL ? Kind.OPTIMAL : Kind.BEST_FOUND;
        // the bound counts a left-out workload at its penalty; with every workload placed it bounds the carbon
        double bound = chosen.size() == options.stream().filter(o -> !o.isEmpty()).count()
                ? Math.max(relaxed, solver.bestObjectiveBound() / 1000.0) : relaxed;
        return result(kind, chosen, kind == Kind.OPTIMAL ? total(chosen) : bound, tasks, count, started);
    }

    private static long milligrams(double grams) {
        return Math.round(grams * 1000);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static double total(List<Option> chosen) {
        return chosen.stream().mapToDouble(Option::grams).sum();
    }

    private static Result result(Kind kind, List<Option> chosen, double lowerBound, List<Task> tasks, int count, long started) {
        Map<String, Double> byTask = new TreeMap<>();
        for (Option o : chosen) {
            byTask.put(tasks.get(o.task()).id(), o.grams());
        }
        return new Result(kind, total(chosen), kind == Kind.OPTIMAL ? total(chosen) : lowerBound, byTask,
                tasks.size() - byTask.size(), count, (System.nanoTime() - started) / 1e9);
    }
}
