package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Occupancy#blockedAt} names the first slot where a job does not fit, and the scans that skip
 * past it ({@link GreedyOptimizer#cheapest}) choose exactly what a start-by-start scan chooses. Both are
 * checked against a slot-by-slot reference kept beside the occupancy, on sites filled until capacity
 * binds, with jobs from one slot to a whole 24 h horizon of 15-minute slots.
 */
class OccupancyScanTest {

    private static final long QUARTER = 900_000L;
    private static final int SLOTS = 96;

    @Test
    void blockedAtNamesTheFirstSlotWhereTheJobDoesNotFit() {
        for (long seed = 1; seed <= 4; seed++) {
            Filled round = filled(seed);
            int checked = 0;
            int blocked = 0;
            for (Job job : round.problem.jobs()) {
                for (int site = 0; site < round.problem.sites().size(); site++) {
                    for (int start = 0; start < SLOTS; start++) {
                        int expected = round.firstBlocked(job, site, start);
                        assertThat(round.occupancy.blockedAt(job, site, start)).as("%s on site %d from slot %d", job.id(), site, start)
                                .isEqualTo(expected);
                        assertThat(round.occupancy.fits(job, site, start)).isEqualTo(expected == Occupancy.FITS);
                        checked++;
                        blocked += expected == Occupancy.FITS || expected == Occupancy.NEVER ? 0 : 1;
                    }
                }
            }
            // the rounds must bind: a good share of the starts is blocked part-way
            assertThat(blocked).as("seed %d", seed).isGreaterThan(checked / 10);
        }
    }

    @Test
    void theCheapestChoiceIsTheOneAStartByStartScanFinds() {
        for (long seed = 1; seed <= 4; seed++) {
            Filled round = filled(seed);
            int placed = 0;
            for (Job job : round.problem.jobs()) {
                Assignment expected = round.cheapestStartByStart(job);
                Assignment actual = GreedyOptimizer.cheapest(round.problem, job, round.occupancy);
                if (expected == null) {
                    assertThat(actual).as(job.id()).isNull();
                } else {
                    assertThat(actual).as(job.id()).isEqualTo(expected);
                    placed++;
                }
            }
            assertThat(placed).as("seed %d", seed).isPositive();
        }
    }

    /** A round whose occupancy holds random placements, mirrored in plain arrays added in the same order. */
    private record Filled(Problem problem, Occupancy occupancy, long[][] cpu, long[][] mem, int[][] gpu) {

        void add(Job job, int site, int start) {
            occupancy.add(job, site, start);
            for (int t = start; t < start + problem.slotsFor(job.durationMinutes()); t++) {
                cpu[site][t] += ResourceUnits.demand(job.cpu());
                mem[site][t] += ResourceUnits.demand(job.memGb());
                gpu[site][t] += job.gpu();
            }
        }

        int firstBlocked(Job job, int site, int start) {
            Site s = problem.sites().get(site);
            long cpuCap = ResourceUnits.capacity(s.cpu());
            long memCap = ResourceUnits.capacity(s.memGb());
            long needCpu = ResourceUnits.demand(job.cpu());
            long needMem = ResourceUnits.demand(job.memGb());
            if (needCpu > cpuCap || needMem > memCap || job.gpu() > s.gpu()) {
                return Occupancy.NEVER;
            }
            for (int t = start; t < start + problem.slotsFor(job.durationMinutes()); t++) {
                if (cpu[site][t] + needCpu > cpuCap || mem[site][t] + needMem > memCap || gpu[site][t] + job.gpu() > s.gpu()) {
                    return t;
                }
            }
            return Occupancy.FITS;
        }

        /** The cheapest choice as the scheduler defines it, testing every start in turn. */
        Assignment cheapestStartByStart(Job job) {
            int bestSite = -1;
            int bestSlot = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            int sites = problem.sites().size();
            int first = Math.max(0, job.currentSite());
            for (int k = 0; k < sites; k++) {
                int site = (first + k) % sites;
                if (!problem.allowed(job, site)) {
                    continue;
                }
                for (int slot = job.firstCandidateSlot(); slot <= job.lastCandidateSlot(SLOTS); slot++) {
                    double cost = problem.carbon(job, site, slot) + problem.migrationCost(job, site);
                    if (cost < bestCost - 1e-9 && firstBlocked(job, site, slot) == Occupancy.FITS) {
                        bestCost = cost;
                        bestSite = site;
                        bestSlot = slot;
                    }
                }
            }
            return bestSite < 0 ? null
                    : new Assignment(bestSite, bestSlot, problem.carbon(job, bestSite, bestSlot), problem.migrationCost(job, bestSite), null);
        }
    }

    private static Filled filled(long seed) {
        Random random = new Random(seed);
        int siteCount = 6;
        int longest = SLOTS;
        List<Site> sites = new ArrayList<>();
        for (int s = 0; s < siteCount; s++) {
            double[] intensity = new double[SLOTS + longest + 4];
            double base = 150 + random.nextDouble() * 400;
            for (int t = 0; t < intensity.length; t++) {
                // few distinct levels, so that equal costs occur and the tie rule is exercised
                intensity[t] = base + 50 * random.nextInt(4);
            }
            sites.add(new Site("site-" + s, "zone-" + s, 8 + random.nextInt(8), 64, random.nextInt(2), intensity));
        }
        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < 160; j++) {
            boolean running = random.nextDouble() < 0.25;
            int current = running ? random.nextInt(siteCount) : -1;
            boolean[] allowed = new boolean[siteCount];
            for (int s = 0; s < siteCount; s++) {
                allowed[s] = random.nextDouble() < 0.8 || s == current;
            }
            int slots = random.nextDouble() < 0.2 ? longest : 1 + random.nextInt(24);
            double cpu = 0.25 * (1 + random.nextInt(12)) + (random.nextDouble() < 0.1 ? 20 : 0); // some larger than any site
            jobs.add(new Job("job-" + j, cpu, cpu * 2, random.nextDouble() < 0.1 ? 1 : 0, 100 * cpu, slots * 15.0, random.nextInt(20),
                    running, running ? "site-" + current : null, current, random.nextInt(SLOTS), allowed, Math.max(0, current)));
        }
        Problem problem = new Problem(0, QUARTER, SLOTS, sites, jobs, new MigrationCostModel(25, java.util.Map.of(), java.util.Map.of()));
        int occupancySlots = problem.occupancySlots();
        Filled round = new Filled(problem, new Occupancy(problem), new long[siteCount][occupancySlots],
                new long[siteCount][occupancySlots], new int[siteCount][occupancySlots]);
        for (Job job : jobs) {
            if (random.nextDouble() < 0.85) {
                int site = random.nextInt(siteCount);
                int start = random.nextInt(SLOTS);
                if (round.firstBlocked(job, site, start) == Occupancy.FITS) {
                    round.add(job, site, start);
                }
            }
        }
        return round;
    }
}
