package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.optimizer.Assignment;
import io.caspian.optimizer.Job;
import io.caspian.optimizer.MigrationCostModel;
import io.caspian.optimizer.Plan;
import io.caspian.optimizer.Problem;
import io.caspian.optimizer.Site;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reasons an operator reads: a hold says why the workload does not start now (no room, or greener
 * later and by how much), and a move that costs its own workload says what the fleet gained and for whom.
 * One-hour slots; a 1 kW, one-hour job emits its site's intensity in gCO2.
 */
class DecisionReasonsTest {

    private static final long HOUR = 3_600_000L;
    private static final MigrationCostModel LAMBDA_100 = new MigrationCostModel(100, Map.of());

    @Test
    void aHoldWithNoRoomNowSaysSo() {
        List<Site> sites = List.of(site("carbon-kr", 4, 100, 50));
        Job waiting = pending("bg-020", 4, 1000, sites.size());
        Job running = running("bg-001", 4, 1000, sites, 0);
        Problem problem = problem(sites, waiting, running);
        Plan plan = plan(new Assignment(0, 1, 50, 0, null), new Assignment(0, 0, 100, 0, null));

        assertThat(new DecisionReasons(problem, plan).held(0)).isEqualTo("held until 1970-01-01T01:00:00Z on carbon-kr "
                + "(50.00 gCO2): no room now on any cluster it may run on (other workloads take it this round; "
                + "a start now would emit 100.00 gCO2 on carbon-kr)");
    }

    @Test
    void aHoldForGreenerPowerSaysHowMuchLessItEmits() {
        List<Site> sites = List.of(site("carbon-jp", 8, 400, 100));
        Problem problem = problem(sites, pending("bg-037", 4, 1000, sites.size()));
        Plan plan = plan(new Assignment(0, 1, 100, 0, null));

        assertThat(new DecisionReasons(problem, plan).held(0)).isEqualTo("held until 1970-01-01T01:00:00Z on carbon-jp "
                + "(100.00 gCO2): greener later, 300.00 gCO2 less than the best start now with room (400.00 gCO2 on carbon-jp)");
    }

    @Test
    void aHoldSaysWhenTheCheapestStartNowHasNoRoom() {
        List<Site> sites = List.of(site("carbon-jp", 4, 100), site("carbon-kr", 8, 500, 200));
        Problem problem = problem(sites, pending("bg-020", 4, 1000, sites.size()), running("bg-001", 4, 1000, sites, 0));
        Plan plan = plan(new Assignment(1, 1, 200, 0, null), new Assignment(0, 0, 100, 0, null));

        assertThat(new DecisionReasons(problem, plan).held(0)).isEqualTo("held until 1970-01-01T01:00:00Z on carbon-kr "
                + "(200.00 gCO2): greener later, 300.00 gCO2 less than the best start now with room (500.00 gCO2 on carbon-kr); "
                + "the least-carbon start now, 100.00 gCO2 on carbon-jp, has no room");
    }

    @Test
    void aHoldWaitingForRoomWhereItEmitsLeastSaysSo() {
        List<Site> sites = List.of(site("carbon-jp", 4, 100), site("carbon-cn", 8, 500));
        Problem problem = problem(sites, pending("bg-009", 4, 1000, sites.size()), running("bg-001", 4, 1000, sites, 0));
        Plan plan = plan(new Assignment(0, 1, 100, 0, null), new Assignment(0, 0, 100, 0, null));

        assertThat(new DecisionReasons(problem, plan).held(0)).isEqualTo("held until 1970-01-01T01:00:00Z on carbon-jp "
                + "(100.00 gCO2): no room now where it emits least (100.00 gCO2 on carbon-jp); waiting for room emits "
                + "400.00 gCO2 less than the best start now with room (500.00 gCO2 on carbon-cn)");
    }

    @Test
    void aMoveThatCostsItsWorkloadNamesWhoGainedAndTheNet() {
        List<Site> sites = List.of(site("carbon-jp", 4, 300), site("carbon-kr", 4, 400));
        Job moved = running("bg-027", 4, 1000, sites, 0);
        Job gainer = pending("bg-031", 4, 5000, sites.size());
        Problem problem = problem(sites, moved, gainer);
        Plan plan = plan(new Assignment(1, 0, 400, 100, null), new Assignment(0, 0, 1500, 0, null));

        // bg-027 emits 100 more on carbon-kr and the move costs 100: a loss of 200 to itself; bg-031 emits
        // 1500 on carbon-jp against 2000 on carbon-kr: 500 less, so the fleet gains at least 300
        assertThat(new DecisionReasons(problem, plan).movedAtALoss(0, 0, -100, 100)).isEqualTo("moved from carbon-jp at a loss "
                + "of 200.00 gCO2 to itself (emits 100.00 gCO2 over the remaining 60 min, more, plus the move's 100.00 gCO2): "
                + "it makes room on carbon-jp for bg-031, which emit 500.00 gCO2 less there than on their best other choice: "
                + "the fleet gains at least 300.00 gCO2 net");
    }

    @Test
    void aMoveAtALossWithNobodyTakingItsPlaceSaysItNoLongerFits() {
        List<Site> sites = List.of(site("carbon-jp", 2, 300), site("carbon-kr", 4, 400));
        Problem problem = problem(sites, running("bg-027", 4, 1000, sites, 0));
        Plan plan = plan(new Assignment(1, 0, 400, 100, null));

        assertThat(new DecisionReasons(problem, plan).movedAtALoss(0, 0, -100, 100))
                .endsWith(": it no longer fits on carbon-jp, whose capacity is now smaller than what runs there");
    }

    private static Site site(String name, double cpu, double... intensity) {
        double[] extended = Arrays.copyOf(intensity, 16);
        Arrays.fill(extended, intensity.length, extended.length, intensity[intensity.length - 1]);
        return new Site(name, name, cpu, cpu * 8, 0, extended);
    }

    private static Job pending(String id, double cpu, double watts, int sites) {
        return new Job(id, cpu, cpu, 0, watts, 60, 0, false, null, -1, 4, all(sites), 0);
    }

    private static Job running(String id, double cpu, double watts, List<Site> sites, int site) {
        return new Job(id, cpu, cpu, 0, watts, 60, 0, true, sites.get(site).name(), site, 0, all(sites.size()), site);
    }

    private static boolean[] all(int sites) {
        boolean[] allowed = new boolean[sites];
        Arrays.fill(allowed, true);
        return allowed;
    }

    private static Problem problem(List<Site> sites, Job... jobs) {
        return new Problem(0, HOUR, 6, sites, List.of(jobs), LAMBDA_100);
    }

    private static Plan plan(Assignment... assignments) {
        return new Plan(List.of(assignments), "greedy", "feasible", 0, 1);
    }
}
