package io.caspian.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small optimisation problems for tests: one-hour slots, sites with per-slot intensities. */
final class ProblemBuilder {

    static final long HOUR = 3_600_000L;

    private final List<Site> sites = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private int horizon = 6;
    private MigrationCostModel migration = new MigrationCostModel(100, Map.of());

    ProblemBuilder horizon(int slots) {
        this.horizon = slots;
        return this;
    }

    ProblemBuilder migration(MigrationCostModel model) {
        this.migration = model;
        return this;
    }

    /** A site whose intensity per slot is given; the last value repeats beyond. */
    ProblemBuilder site(String name, double cpu, double... intensity) {
        double[] extended = Arrays.copyOf(intensity, 64);
        Arrays.fill(extended, intensity.length, extended.length, intensity[intensity.length - 1]);
        sites.add(new Site(name, name, cpu, cpu * 8, 0, extended));
        return this;
    }

    ProblemBuilder pending(String id, double cpu, double minutes, int latestStartSlot) {
        jobs.add(new Job(id, cpu, cpu, 0, 1000, minutes, 0, false, null, -1, latestStartSlot, all(), 0));
        return this;
    }

    ProblemBuilder running(String id, double cpu, double minutes, double dataGb, int site) {
        jobs.add(new Job(id, cpu, cpu, 0, 1000, minutes, dataGb, true, sites.get(site).name(), site, 0, all(), 0));
        return this;
    }

    private boolean[] all() {
        boolean[] allowed = new boolean[sites.size()];
        Arrays.fill(allowed, true);
        return allowed;
    }

    Problem build() {
        return new Problem(0, HOUR, horizon, List.copyOf(sites), List.copyOf(jobs), migration);
    }
}
