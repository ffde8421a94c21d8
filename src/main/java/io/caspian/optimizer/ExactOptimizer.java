package io.caspian.optimizer;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves the slotted model exactly with OR-Tools CP-SAT ({@link CpSatModel}) within a work limit,
 * warm-started from the better of the caller's previous plan and the greedy plan. When CP-SAT proves
 * optimality the plan says {@code OPTIMAL} with gap 0; when its limit is reached it returns its best
 * plan as {@code FEASIBLE} with the gap to its proven bound. When it has no plan at all (or a worse one
 * than the heuristic) the greedy plan is returned, named as such, with the gap to CP-SAT's bound where
 * one is known; never a silent first-cluster choice.
 *
 * <p>Same round, same plan: CP-SAT runs one search worker with a fixed seed and stops on
 * {@code max_deterministic_time}, a count of its own work, and the model is built over the jobs in id
 * order ({@link CanonicalOrder}). The wall-clock {@link SolverLimits#safetyTimeLimit} is a safety net
 * for a machine far slower than expected; when it, not the work limit, ends a search the plan may depend
 * on load, and a warning says so.
 */
public final class ExactOptimizer implements Optimizer {

    private static final Logger LOG = LoggerFactory.getLogger(ExactOptimizer.class);

    public static final String NAME = "cp-sat";
    /** Greedy's plan was returned because CP-SAT had none within its limit. */
    public static final String FALLBACK_NO_SOLUTION = "FALLBACK_NO_SOLUTION";
    /** Greedy's plan was returned because it was better than CP-SAT's within the limit. */
    public static final String FALLBACK_HEURISTIC_BETTER = "FALLBACK_HEURISTIC_BETTER";

    /** Greedy's plan was returned without trying CP-SAT: the round has more than {@link #MAX_CHOICES}. */
    public static final String FALLBACK_TOO_LARGE = "FALLBACK_TOO_LARGE";
    /**
     * Beyond this many (job, site, slot) choices building and presolving the model alone overruns any
     * time limit of seconds on a small machine (measured: 150,000 choices took 6 s against a 2 s limit).
     */
    public static final long MAX_CHOICES = 100_000;
    /** One worker: CP-SAT's parallel portfolio races its workers, and the winner depends on timing. */
    static final int WORKERS = 1;
    /** Any fixed value; what matters is that it never changes between runs. */
    static final int RANDOM_SEED = 20_251_022;

    private static boolean nativesLoaded;

    private final SolverLimits limits;
    private final Optimizer heuristic;

    public ExactOptimizer(SolverLimits limits) {
        this.limits = limits;
        this.heuristic = new GreedyOptimizer(limits.localSearchBudget());
        loadNatives();
    }

    /** OR-Tools' native library may be loaded once per process; every user of CP-SAT loads it here. */
    public static synchronized void loadNatives() {
        if (!nativesLoaded) {
            Loader.loadNativeLibraries();
            nativesLoaded = true;
        }
    }

    @Override
    public Plan solve(Problem problem, Plan warmStart) {
        CanonicalOrder canonical = CanonicalOrder.of(problem);
        return canonical.toCaller(solveInOrder(canonical.problem, canonical.toCanonical(warmStart)));
    }

    private Plan solveInOrder(Problem problem, Plan warmStart) {
        long started = System.nanoTime();
        Plan greedy = heuristic.solve(problem, null);
        Plan hint = betterOf(problem, greedy, warmStart);
        if (problem.jobs().isEmpty()) {
            return new Plan(List.of(), NAME, "OPTIMAL", 0.0, elapsedMillis(started));
        }
        if (CpSatModel.variableCount(problem) > MAX_CHOICES) {
            return new Plan(hint.assignments(), hint.solver(), FALLBACK_TOO_LARGE, Double.NaN, elapsedMillis(started));
        }
        CpSatModel model = CpSatModel.build(problem);
        model.hint(hint);
        double remainingSeconds = limits.safetyTimeLimit().toMillis() / 1000.0 - (System.nanoTime() - started) / 1e9;
        if (remainingSeconds <= 0) {
            LOG.warn("CP-SAT not started: building the model used up the {} safety time limit; greedy's plan is used",
                    limits.safetyTimeLimit());
            return new Plan(hint.assignments(), hint.solver(), FALLBACK_NO_SOLUTION, Double.NaN, elapsedMillis(started));
        }
        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setNumWorkers(WORKERS)
                .setRandomSeed(RANDOM_SEED)
                .setMaxDeterministicTime(limits.deterministicTime())
                .setMaxTimeInSeconds(remainingSeconds);
        CpSolverStatus status = solver.solve(model.model);
        double bound = solver.bestObjectiveBound();
        // CP-SAT checks its deterministic limit between steps and may stop just short of it, so the safety
        // net is what stopped it only when the wall time reached the net
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.INFEASIBLE
                && solver.response().getWallTime() >= remainingSeconds * 0.99) {
            LOG.warn("CP-SAT stopped by the {} safety time limit after {} of its {} deterministic time units: this "
                    + "round's plan depends on the machine's load", limits.safetyTimeLimit(),
                    solver.response().getDeterministicTime(), limits.deterministicTime());
        }

        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return fallback(problem, hint, FALLBACK_NO_SOLUTION, model, bound, started);
        }
        Plan exact = read(problem, model, solver);
        if (scaled(problem, model, hint) < scaled(problem, model, exact)) {
            return fallback(problem, hint, FALLBACK_HEURISTIC_BETTER, model, bound, started);
        }
        double objective = solver.objectiveValue();
        double gap = status == CpSolverStatus.OPTIMAL ? 0.0 : relativeGap(objective, bound);
        return new Plan(exact.assignments(), NAME, status.name(), gap, elapsedMillis(started));
    }

    private static Plan betterOf(Problem problem, Plan greedy, Plan warmStart) {
        if (warmStart == null || !PlanValidator.feasible(problem, warmStart)) {
            return greedy;
        }
        Plan repriced = reprice(problem, warmStart.assignments());
        return PlanRanking.better(problem, repriced.assignments().toArray(new Assignment[0]),
                greedy.assignments().toArray(new Assignment[0])) ? repriced : greedy;
    }

    private static Plan fallback(Problem problem, Plan hint, String status, CpSatModel model, double bound, long started) {
        double gap = Double.isFinite(bound) ? relativeGap(scaled(problem, model, hint), bound) : Double.NaN;
        return new Plan(hint.assignments(), hint.solver(), status, gap, elapsedMillis(started));
    }

    private static Plan read(Problem problem, CpSatModel model, CpSolver solver) {
        List<Assignment> assignments = new ArrayList<>();
        for (int j = 0; j < problem.jobs().size(); j++) {
            Assignment chosen = null;
            for (CpSatModel.Option o : model.options.get(j)) {
                if (solver.booleanValue(o.chosen())) {
                    chosen = assignment(problem, problem.jobs().get(j), o.site(), o.slot());
                    break;
                }
            }
            if (chosen == null) {
                Job job = problem.jobs().get(j);
                chosen = Assignment.unplaced(GreedyOptimizer.unplacedReason(problem, job, !model.options.get(j).isEmpty()));
            }
            assignments.add(chosen);
        }
        return new Plan(assignments, NAME, "", Double.NaN, 0);
    }

    /** A plan's value in the model's own units, so it compares with CP-SAT's objective and bound. */
    private static double scaled(Problem problem, CpSatModel model, Plan plan) {
        double total = 0;
        for (int j = 0; j < problem.jobs().size(); j++) {
            Assignment a = plan.assignments().get(j);
            double value = Double.NaN;
            for (CpSatModel.Option o : model.options.get(j)) {
                if (a.placed() && a.site() == o.site() && a.startSlot() == o.slot()) {
                    value = model.objectiveCoefficient(o);
                }
            }
            total += Double.isNaN(value) ? model.unplacedPenalty(j) : value;
        }
        return total;
    }

    private static Plan reprice(Problem problem, List<Assignment> assignments) {
        List<Assignment> out = new ArrayList<>();
        for (int j = 0; j < assignments.size(); j++) {
            Assignment a = assignments.get(j);
            out.add(a.placed() ? assignment(problem, problem.jobs().get(j), a.site(), a.startSlot()) : a);
        }
        return new Plan(out, "warm-start", "", Double.NaN, 0);
    }

    private static Assignment assignment(Problem problem, Job job, int site, int slot) {
        return new Assignment(site, slot, problem.carbon(job, site, slot), problem.migrationCost(job, site), null);
    }

    static double relativeGap(double objective, double bound) {
        return Math.max(0, objective - bound) / Math.max(1.0, Math.abs(objective));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
