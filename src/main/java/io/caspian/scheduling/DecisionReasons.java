package io.caspian.scheduling;

import io.caspian.optimizer.Assignment;
import io.caspian.optimizer.Job;
import io.caspian.optimizer.Occupancy;
import io.caspian.optimizer.Plan;
import io.caspian.optimizer.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reasons of one round's decisions that need the whole plan to be told: why a workload is held
 * rather than started now (no room now, or greener later and by how much), and what a move that costs
 * its own workload carbon bought for the rest of the fleet. Plain Java over the optimizer's problem and
 * plan; the capacity left by the other workloads is computed once per round, when first needed.
 */
final class DecisionReasons {

    /** Workloads named in one reason; the rest are counted. */
    static final int NAMED = 5;
    /** Carbon figures closer than this are the same (they are printed with two decimals). */
    private static final double EPSILON_G = 0.005;

    private final Problem problem;
    private final Plan plan;
    private Occupancy others;

    DecisionReasons(Problem problem, Plan plan) {
        this.problem = problem;
        this.plan = plan;
    }

    /** Why job {@code index}, placed at a later slot, is not started now. */
    String held(int index) {
        Job job = problem.jobs().get(index);
        Assignment a = plan.assignments().get(index);
        String where = problem.sites().get(a.site()).name();
        Instant until = Instant.ofEpochMilli(problem.startMillis() + a.startSlot() * problem.slotMillis());
        int cheapestNow = -1;
        int cheapestWithRoom = -1;
        Occupancy occupancy = occupancy();
        occupancy.remove(job, a.site(), a.startSlot());
        try {
            for (int s = 0; s < problem.sites().size(); s++) {
                if (!problem.allowed(job, s)) {
                    continue;
                }
                if (cheapestNow < 0 || problem.carbon(job, s, 0) < problem.carbon(job, cheapestNow, 0)) {
                    cheapestNow = s;
                }
                if (occupancy.fits(job, s, 0)
                        && (cheapestWithRoom < 0 || problem.carbon(job, s, 0) < problem.carbon(job, cheapestWithRoom, 0))) {
                    cheapestWithRoom = s;
                }
            }
        } finally {
            occupancy.add(job, a.site(), a.startSlot());
        }
        String head = String.format(Locale.ROOT, "held until %s on %s (%.2f gCO2)", until, where, a.carbonG());
        if (cheapestNow < 0) {
            return head + ": no cluster it may run on can start it now";
        }
        String cheapestNowText = String.format(Locale.ROOT, "%.2f gCO2 on %s", problem.carbon(job, cheapestNow, 0),
                problem.sites().get(cheapestNow).name());
        if (cheapestWithRoom < 0) {
            return head + ": no room now on any cluster it may run on (other workloads take it this round; "
                    + "a start now would emit " + cheapestNowText + ")";
        }
        double withRoom = problem.carbon(job, cheapestWithRoom, 0);
        String withRoomText = String.format(Locale.ROOT, "%.2f gCO2 on %s", withRoom, problem.sites().get(cheapestWithRoom).name());
        String noRoomForCheapest = cheapestNow == cheapestWithRoom ? ""
                : "; the least-carbon start now, " + cheapestNowText + ", has no room";
        if (cheapestNow != cheapestWithRoom && a.site() == cheapestNow && a.carbonG() < withRoom
                && a.carbonG() >= problem.carbon(job, cheapestNow, 0) - EPSILON_G) {
            // held where it would emit least now, and no greener later: it waits for room there
            return head + ": no room now where it emits least (" + cheapestNowText + "); waiting for room emits "
                    + String.format(Locale.ROOT, "%.2f gCO2 less than the best start now with room (%s)", withRoom - a.carbonG(),
                            withRoomText);
        }
        if (a.carbonG() < withRoom) {
            return head + String.format(Locale.ROOT, ": greener later, %.2f gCO2 less than the best start now with room (%s)",
                    withRoom - a.carbonG(), withRoomText) + noRoomForCheapest;
        }
        return head + ": a start now has room (" + withRoomText + ") and would emit less; the " + plan.solver()
                + " solver's plan for the round keeps it waiting" + noRoomForCheapest;
    }

    /**
     * Why job {@code index} is moved from {@code fromSite} although the move costs it more than it saves
     * ({@code saving} over its remaining run against {@code cost} of the move): the workloads the plan
     * puts on the cluster it leaves while it would have run there, and what they emit less there than on
     * their best other choice. That other choice is priced without capacity, so the fleet's gain is a
     * lower bound.
     */
    String movedAtALoss(int index, int fromSite, double saving, double cost) {
        Job moved = problem.jobs().get(index);
        String from = problem.sites().get(fromSite).name();
        int staySlots = problem.slotsFor(moved.durationMinutes());
        List<String> gainers = new ArrayList<>();
        List<String> nowhereElse = new ArrayList<>();
        double gained = 0;
        for (int j = 0; j < problem.jobs().size(); j++) {
            Assignment b = plan.assignments().get(j);
            Job other = problem.jobs().get(j);
            if (j == index || !b.placed() || b.site() != fromSite || other.currentSite() == fromSite || b.startSlot() >= staySlots) {
                continue;
            }
            double elsewhere = bestElsewhere(other, fromSite);
            if (Double.isInfinite(elsewhere)) {
                nowhereElse.add(other.id());
            } else {
                gainers.add(other.id());
                gained += elsewhere - problem.cost(other, fromSite, b.startSlot());
            }
        }
        double loss = cost - saving;
        String head = String.format(Locale.ROOT, "moved from %s at a loss of %.2f gCO2 to itself (%s %.2f gCO2 over the "
                + "remaining %.0f min, %s the move's %.2f gCO2)", from, loss, saving >= 0 ? "saves" : "emits",
                Math.abs(saving), moved.durationMinutes(), saving >= 0 ? "less than" : "more, plus", cost);
        if (gainers.isEmpty() && nowhereElse.isEmpty()) {
            return head + ": it no longer fits on " + from + ", whose capacity is now smaller than what runs there";
        }
        StringBuilder reason = new StringBuilder(head).append(": it makes room on ").append(from).append(" for ");
        if (!gainers.isEmpty()) {
            reason.append(names(gainers)).append(String.format(Locale.ROOT,
                    ", which emit %.2f gCO2 less there than on their best other choice: the fleet gains at least %.2f gCO2 net",
                    gained, gained - loss));
        }
        if (!nowhereElse.isEmpty()) {
            reason.append(gainers.isEmpty() ? "" : "; and for ").append(names(nowhereElse)).append(", which may run nowhere else");
        }
        return reason.toString();
    }

    /** Least cost of the job on any other site it may run on, at any start it may take; infinite when none. */
    private double bestElsewhere(Job job, int excludedSite) {
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < problem.sites().size(); s++) {
            if (s == excludedSite || !problem.allowed(job, s)) {
                continue;
            }
            for (int t = 0; t <= job.lastCandidateSlot(problem.horizonSlots()); t++) {
                best = Math.min(best, problem.cost(job, s, t));
            }
        }
        return best;
    }

    private static String names(List<String> ids) {
        if (ids.size() <= NAMED) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, NAMED)) + " and " + (ids.size() - NAMED) + " more";
    }

    private Occupancy occupancy() {
        if (others == null) {
            others = new Occupancy(problem);
            for (int j = 0; j < problem.jobs().size(); j++) {
                Assignment b = plan.assignments().get(j);
                if (b.placed()) {
                    others.add(problem.jobs().get(j), b.site(), b.startSlot());
                }
            }
        }
        return others;
    }
}
