package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random rounds with everything that can bind: tight capacity, running jobs with a migration
 * cost, affinity, deadlines (some already unreachable) and forbidden moves.
 */
public final class RandomProblems {

    static final long HOUR = 3_600_000L;

    private RandomProblems() {}

    public record Shape(int jobs, int sites, int slots, double capacityFactor) {}

    public static Problem generate(long seed, Shape shape) {
        Random random = new Random(seed);
        List<Site> sites = new ArrayList<>();
        int intensitySlots = shape.slots() + 4;
        for (int s = 0; s < shape.sites(); s++) {
            double[] intensity = new double[intensitySlots];
            double base = 200 + random.nextDouble() * 400;
            for (int t = 0; t < intensitySlots; t++) {
                intensity[t] = Math.max(10, base * (0.7 + 0.6 * random.nextDouble()));
            }
            double cpu = Math.max(2, Math.round(shape.jobs() * 2.5 * shape.capacityFactor() / shape.sites()));
            sites.add(new Site("site-" + s, "zone-" + s, cpu, cpu * 4, random.nextInt(3), intensity));
        }
        Map<String, Set<String>> forbidden = new HashMap<>();
        Map<String, Map<String, Double>> network = new HashMap<>();
        for (int from = 0; from < shape.sites(); from++) {
            Map<String, Double> row = new HashMap<>();
            Set<String> banned = new HashSet<>();
            for (int to = 0; to < shape.sites(); to++) {
                if (from != to) {
                    if (random.nextDouble() < 0.2) {
                        banned.add("site-" + to);
                    } else {
                        row.put("site-" + to, random.nextDouble() * 2);
                    }
                }
            }
            network.put("site-" + from, row);
            forbidden.put("site-" + from, banned);
        }
        MigrationCostModel migration = new MigrationCostModel(random.nextDouble() * 60, network, forbidden);

        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < shape.jobs(); j++) {
            boolean running = random.nextDouble() < 0.3;
            int current = running ? random.nextInt(shape.sites()) : -1;
            boolean[] allowed = new boolean[shape.sites()];
            boolean any = false;
            for (int s = 0; s < shape.sites(); s++) {
                allowed[s] = random.nextDouble() < 0.75 || s == current;
                any |= allowed[s];
            }
            if (!any) {
                allowed[random.nextInt(shape.sites())] = true;
            }
            double cpu = 1 + random.nextInt(4);
            int gpu = random.nextDouble() < 0.15 ? 1 : 0;
            double minutes = 30 + random.nextInt(4) * 30;
            int latest = random.nextDouble() < 0.05 ? -1 : random.nextInt(shape.slots() + 2);
            jobs.add(new Job("job-" + j, cpu, cpu * (1 + random.nextInt(3)), gpu, 30 * cpu + 250 * gpu, minutes,
                    random.nextInt(50), running, running ? "site-" + current : null, current, latest, allowed,
                    firstAllowed(allowed)));
        }
        return new Problem(0, HOUR, shape.slots(), sites, jobs, migration);
    }

    /**
     * The round of {@link #generate}, with its jobs replaced by copies of its first {@code kinds} jobs
     * under new names, as a fleet of identical batch jobs is: copies of a running job run on the same
     * cluster, so many jobs in the way of a move are interchangeable.
     */
    public static Problem generateCopies(long seed, Shape shape, int kinds) {
        Problem base = generate(seed, shape);
        List<Job> copies = new ArrayList<>();
        for (int j = 0; j < shape.jobs(); j++) {
            Job kind = base.jobs().get(j % kinds);
            copies.add(new Job("copy-" + j, kind.cpu(), kind.memGb(), kind.gpu(), kind.powerWatts(), kind.durationMinutes(),
                    kind.dataGb(), kind.running(), kind.currentCluster(), kind.currentSite(), kind.latestStartSlot(),
                    kind.allowedSites(), kind.homeSite(), kind.migration(), kind.earliestStartSlot()));
        }
        return new Problem(base.startMillis(), base.slotMillis(), base.horizonSlots(), base.sites(), copies, base.migration());
    }

    private static int firstAllowed(boolean[] allowed) {
        for (int s = 0; s < allowed.length; s++) {
            if (allowed[s]) {
                return s;
            }
        }
        return -1;
    }
}
