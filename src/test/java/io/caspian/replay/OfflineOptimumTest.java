package io.caspian.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.CarbonReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The offline optimum against a brute force over every combination, on small instances where capacity binds. */
class OfflineOptimumTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_640_995_200_000L; // 2022-01-01T00:00Z

    private static CarbonTrace trace(Random random, List<String> zones, int hours) {
        List<CarbonReading> readings = new ArrayList<>();
        for (String zone : zones) {
            for (int h = 0; h < hours; h++) {
                readings.add(new CarbonReading(zone, 100 + random.nextInt(500), T0 + h * HOUR, "test", false, CarbonReading.AVERAGE,
                        List.of()));
            }
        }
        return new CarbonTrace(readings);
    }

    @Test
    void cpSatFindsWhatEveryCombinationFindsWhenCapacityBinds() {
        Random random = new Random(7);
        int binding = 0;
        for (int instance = 0; instance < 20; instance++) {
            CarbonTrace trace = trace(random, List.of("A", "B"), 10);
            List<OfflineOptimum.Site> sites = List.of(new OfflineOptimum.Site("a", "A", 4, 16),
                    new OfflineOptimum.Site("b", "B", 4, 16));
            List<OfflineOptimum.Task> tasks = new ArrayList<>();
            int n = 4 + random.nextInt(3);
            for (int t = 0; t < n; t++) {
                long earliest = T0 + random.nextInt(4) * HOUR;
                long runtime = (1 + random.nextInt(2)) * HOUR;
                long deadline = earliest + runtime + random.nextInt(4) * HOUR;
                List<String> allowed = random.nextBoolean() ? List.of("a", "b") : List.of(random.nextBoolean() ? "a" : "b");
                tasks.add(new OfflineOptimum.Task("t" + t, earliest, deadline, runtime, 4, 8, 1000, allowed));
            }
            OfflineOptimum.Result result = OfflineOptimum.solve(tasks, sites, trace, HOUR, 100_000, 30);
            double[] best = BruteForce.best(tasks, sites, trace, HOUR);

            assertThat(result.kind()).as("instance %d", instance).isEqualTo(OfflineOptimum.Kind.OPTIMAL);
            assertThat(result.unplaced()).as("instance %d unplaced", instance).isEqualTo((int) best[0]);
            assertThat(result.totalG()).as("instance %d carbon", instance).isCloseTo(best[1], within(0.01));
            if (best[0] > 0 || best[1] > BruteForce.unconstrained(tasks, sites, trace, HOUR) + 0.01) {
                binding++; // capacity kept a workload out or off its own best start: CP-SAT, not the shortcut, solved it
            }
        }
        assertThat(binding).as("instances where capacity binds").isGreaterThanOrEqualTo(10);
    }

    @Test
    void withoutContentionEachWorkloadTakesItsOwnCheapestStartAndTooLargeAnInstanceIsABound() {
        Random random = new Random(11);
        CarbonTrace trace = trace(random, List.of("A"), 12);
        List<OfflineOptimum.Site> roomy = List.of(new OfflineOptimum.Site("a", "A", 100, 400));
        List<OfflineOptimum.Task> tasks = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            tasks.add(new OfflineOptimum.Task("t" + t, T0 + t * HOUR, T0 + (t + 6) * HOUR, HOUR, 4, 8, 1000, List.of("a")));
        }
        OfflineOptimum.Result free = OfflineOptimum.solve(tasks, roomy, trace, HOUR, 100_000, 30);
        double cheapest = 0;
        for (OfflineOptimum.Task task : tasks) {
            double min = Double.MAX_VALUE;
            for (long s = task.earliestMillis(); s + task.runtimeMillis() <= task.deadlineMillis(); s += HOUR) {
                min = Math.min(min, trace.grams("A", 1000, s, s + HOUR));
            }
            cheapest += min;
        }
        assertThat(free.kind()).isEqualTo(OfflineOptimum.Kind.OPTIMAL);
        assertThat(free.totalG()).isCloseTo(cheapest, within(1e-9));

        // one core at a time: capacity binds, and a model over the option limit is only bounded
        List<OfflineOptimum.Site> tight = List.of(new OfflineOptimum.Site("a", "A", 4, 400));
        OfflineOptimum.Result bound = OfflineOptimum.solve(tasks, tight, trace, HOUR, 3, 30);
        assertThat(bound.kind()).isEqualTo(OfflineOptimum.Kind.LOWER_BOUND);
        assertThat(bound.lowerBoundG()).isCloseTo(cheapest, within(1e-9));
        OfflineOptimum.Result solved = OfflineOptimum.solve(tasks, tight, trace, HOUR, 100_000, 30);
        assertThat(solved.kind()).isEqualTo(OfflineOptimum.Kind.OPTIMAL);
        assertThat(solved.totalG()).isGreaterThanOrEqualTo(bound.lowerBoundG() - 1e-9);
    }

    /** Every combination of options (or none) per task: fewest left out, then least carbon. */
    static final class BruteForce {

        static double[] best(List<OfflineOptimum.Task> tasks, List<OfflineOptimum.Site> sites, CarbonTrace trace, long step) {
            List<List<long[]>> options = new ArrayList<>(); // {site, start}
            for (OfflineOptimum.Task task : tasks) {
                List<long[]> mine = new ArrayList<>();
                for (int s = 0; s < sites.size(); s++) {
                    if (!task.allowed().contains(sites.get(s).name())) {
                        continue;
                    }
                    for (long start = task.earliestMillis(); start + task.runtimeMillis() <= task.deadlineMillis(); start += step) {
                        mine.add(new long[] {s, start});
                    }
                }
                mine.add(null); // left out
                options.add(mine);
            }
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
            search(0, new long[tasks.size()][], tasks, sites, trace, step, options, best);
            return best;
        }

        /** Each task at its own cheapest start, capacity ignored. */
        static double unconstrained(List<OfflineOptimum.Task> tasks, List<OfflineOptimum.Site> sites, CarbonTrace trace, long step) {
            double total = 0;
            for (OfflineOptimum.Task task : tasks) {
                double min = Double.MAX_VALUE;
                for (OfflineOptimum.Site site : sites) {
                    if (!task.allowed().contains(site.name())) {
                        continue;
                    }
                    for (long start = task.earliestMillis(); start + task.runtimeMillis() <= task.deadlineMillis(); start += step) {
                        min = Math.min(min, trace.grams(site.zone(), task.watts(), start, start + task.runtimeMillis()));
                    }
                }
                total += min;
            }
            return total;
        }

        private static void search(int t, long[][] picked, List<OfflineOptimum.Task> tasks, List<OfflineOptimum.Site> sites,
                CarbonTrace trace, long step, List<List<long[]>> options, double[] best) {
            if (t == tasks.size()) {
                if (!fits(picked, tasks, sites, step)) {
                    return;
                }
                int out = 0;
                double grams = 0;
                for (int i = 0; i < picked.length; i++) {
                    if (picked[i] == null) {
                        out++;
                    } else {
                        OfflineOptimum.Task task = tasks.get(i);
                        grams += trace.grams(sites.get((int) picked[i][0]).zone(), task.watts(), picked[i][1],
                                picked[i][1] + task.runtimeMillis());
                    }
                }
                if (out < best[0] || (out == best[0] && grams < best[1])) {
                    best[0] = out;
                    best[1] = grams;
                }
                return;
            }
            for (long[] option : options.get(t)) {
                picked[t] = option;
                search(t + 1, picked, tasks, sites, trace, step, options, best);
            }
        }

        private static boolean fits(long[][] picked, List<OfflineOptimum.Task> tasks, List<OfflineOptimum.Site> sites, long step) {
            java.util.Map<String, Double> cpu = new java.util.HashMap<>();
            for (int i = 0; i < picked.length; i++) {
                if (picked[i] == null) {
                    continue;
                }
                OfflineOptimum.Task task = tasks.get(i);
                for (long at = picked[i][1]; at < picked[i][1] + task.runtimeMillis(); at += step) {
                    String cell = picked[i][0] + "@" + at;
                    double used = cpu.merge(cell, task.cpu(), Double::sum);
                    if (used > sites.get((int) picked[i][0]).cpu()) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
