package io.caspian.optimizer;

import static io.caspian.optimizer.ResourceUnits.capacity;
import static io.caspian.optimizer.ResourceUnits.demand;
import static io.caspian.optimizer.ResourceUnits.fitsEmpty;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.Literal;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * CASPIAN's slotted model as a CP-SAT model. One Boolean x[j,r,t] per job, site and start slot the
 * job may take (affinity, deadline, migration allowed, fits an empty site), one Boolean "unplaced"
 * per job; exactly one of them is true. Capacity: for every site, slot and resource, the jobs whose
 * run covers the slot fit. CP-SAT needs integer coefficients: costs are in milligrams of CO2 (gCO2 ×
 * 1000, rounded) and resources in {@link ResourceUnits} (thousandths, demand rounded up, capacity
 * down, so a plan the model accepts never exceeds a capacity), as the heuristic's occupancy counts
 * them. Among equal-cost choices the earlier start wins, by a tie-break term smaller than one milligram.
 */
final class CpSatModel {

    static final long MILLIGRAMS_PER_GRAM = 1000;

    /** One choice of one job: a site and a start slot, with its cost. */
    record Option(int site, int slot, BoolVar chosen, long costMg) {}

    final CpModel model = new CpModel();
    final List<List<Option>> options = new ArrayList<>();
    final List<BoolVar> unplaced = new ArrayList<>();
    private final long tieBreak;
    private long[] unplacedPenalty;

    private CpSatModel(Problem problem) {
        this.tieBreak = problem.horizonSlots() + 1L;
    }

    /** Number of x variables the problem would need, to judge whether exact solving fits a budget. */
    static long variableCount(Problem problem) {
        long count = 0;
        for (Job job : problem.jobs()) {
            int slots = Math.max(0, job.lastCandidateSlot(problem.horizonSlots()) + 1 - job.firstCandidateSlot());
            for (int site = 0; site < problem.sites().size(); site++) {
                if (problem.allowed(job, site)) {
                    count += slots;
                }
            }
        }
        return count;
    }

    static CpSatModel build(Problem problem) {
        CpSatModel m = new CpSatModel(problem);
        m.addChoices(problem);
        m.addCapacity(problem);
        m.addObjective(problem);
        return m;
    }

    private void addChoices(Problem problem) {
        List<Job> jobs = problem.jobs();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            List<Option> choices = new ArrayList<>();
            int lastSlot = job.lastCandidateSlot(problem.horizonSlots());
            for (int site = 0; site < problem.sites().size(); site++) {
                if (!problem.allowed(job, site) || !fitsEmpty(job, problem.sites().get(site))) {
                    continue;
                }
                for (int slot = job.firstCandidateSlot(); slot <= lastSlot; slot++) {
                    long mg = Math.round(problem.cost(job, site, slot) * MILLIGRAMS_PER_GRAM);
                    choices.add(new Option(site, slot, model.newBoolVar("x_" + j + "_" + site + "_" + slot), mg));
                }
            }
            BoolVar none = model.newBoolVar("unplaced_" + j);
            List<Literal> exactlyOne = new ArrayList<>();
            choices.forEach(o -> exactlyOne.add(o.chosen()));
            exactlyOne.add(none);
            model.addExactlyOne(exactlyOne);
            options.add(choices);
            unplaced.add(none);
        }
    }

    private void addCapacity(Problem problem) {
        int sites = problem.sites().size();
        int slots = problem.occupancySlots();
        List<List<List<Integer>>> covering = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            List<List<Integer>> perSlot = new ArrayList<>();
            for (int t = 0; t < slots; t++) {
                perSlot.add(new ArrayList<>());
            }
            covering.add(perSlot);
        }
        // indices into a flat option list, so one capacity row can be built per (site, slot)
        List<Option> flat = new ArrayList<>();
        List<Job> owner = new ArrayList<>();
        for (int j = 0; j < options.size(); j++) {
            Job job = problem.jobs().get(j);
            int length = problem.slotsFor(job.durationMinutes());
            for (Option o : options.get(j)) {
                int index = flat.size();
                flat.add(o);
                owner.add(job);
                for (int t = o.slot(); t < o.slot() + length && t < slots; t++) {
                    covering.get(o.site()).get(t).add(index);
                }
            }
        }
        for (int s = 0; s < sites; s++) {
            Site site = problem.sites().get(s);
            for (int t = 0; t < slots; t++) {
                List<Integer> row = covering.get(s).get(t);
                addRow(row, flat, owner, Resource.CPU, capacity(site.cpu()));
                addRow(row, flat, owner, Resource.MEMORY, capacity(site.memGb()));
                addRow(row, flat, owner, Resource.GPU, site.gpu());
            }
        }
    }

    private enum Resource { CPU, MEMORY, GPU }

    private void addRow(List<Integer> row, List<Option> flat, List<Job> owner, Resource resource, long capacity) {
        BoolVar[] vars = new BoolVar[row.size()];
        long[] demands = new long[row.size()];
        long total = 0;
        for (int k = 0; k < row.size(); k++) {
            Job job = owner.get(row.get(k));
            vars[k] = flat.get(row.get(k)).chosen();
            demands[k] = switch (resource) {
                case CPU -> demand(job.cpu());
                case MEMORY -> demand(job.memGb());
                case GPU -> job.gpu();
            };
            total += demands[k];
        }
        if (total > capacity) { // a row that can never bind only slows the solver down
            model.addLessOrEqual(LinearExpr.weightedSum(vars, demands), capacity);
        }
    }

    /**
     * {@link PlanRanking} as one linear objective: an unplaced job costs its dearest choice plus a
     * priority weight times more than all jobs together could cost, so placing more jobs always comes
     * first (a priority, not a price: infeasible moves have no variable at all).
     */
    private void addObjective(Problem problem) {
        List<BoolVar> vars = new ArrayList<>();
        List<Long> coefficients = new ArrayList<>();
        long[] worst = new long[options.size()];
        long worstTotal = 0;
        for (int j = 0; j < options.size(); j++) {
            for (Option o : options.get(j)) {
                vars.add(o.chosen());
                long coefficient = objectiveCoefficient(o);
                coefficients.add(coefficient);
                worst[j] = Math.max(worst[j], coefficient);
            }
            worstTotal += worst[j];
        }
        long priority = worstTotal + 1;
        unplacedPenalty = new long[options.size()];
        for (int j = 0; j < options.size(); j++) {
            unplacedPenalty[j] = priority * PlanRanking.weight(problem.jobs().get(j)) + worst[j];
            vars.add(unplaced.get(j));
            coefficients.add(unplacedPenalty[j]);
        }
        model.minimize(LinearExpr.weightedSum(vars.toArray(new BoolVar[0]),
                coefficients.stream().mapToLong(Long::longValue).toArray()));
    }

    long unplacedPenalty(int job) {
        return unplacedPenalty[job];
    }

    long objectiveCoefficient(Option o) {
        return o.costMg() * tieBreak + o.slot();
    }

    /** Hints the solver with a plan (a warm start); assignments the model has no variable for are skipped. */
    void hint(Plan plan) {
        model.clearHints();
        for (int j = 0; j < options.size(); j++) {
            Assignment a = plan.assignments().get(j);
            boolean matched = false;
            for (Option o : options.get(j)) {
                boolean chosen = a != null && a.placed() && a.site() == o.site() && a.startSlot() == o.slot();
                matched |= chosen;
                model.addHint(o.chosen(), chosen);
            }
            model.addHint(unplaced.get(j), !matched);
        }
    }
}
