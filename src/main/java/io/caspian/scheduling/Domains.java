package io.caspian.scheduling;

import io.caspian.events.WorkloadSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scheduling domains: groups of clusters planned together, each in its own subtask of the placement
 * rounds (the rounds are keyed by domain), so that a larger fleet scales out. A cluster belongs to the
 * domain that lists it in {@code scheduler.domains}, or to {@value #DEFAULT}; with no domains configured
 * every cluster is in {@value #DEFAULT} and the whole fleet is planned together.
 *
 * <p>A workload belongs to the domain of the clusters its affinity names (or of its home cluster); one
 * whose affinity spans domains cannot be planned by any one of them and is refused. A workload free to
 * run anywhere belongs to {@value #DEFAULT}.
 */
public final class Domains implements Serializable {

    public static final String DEFAULT = io.caspian.events.SchedulerInput.DEFAULT_DOMAIN;

    private final Map<String, String> clusterDomain;
    private final List<String> all;

    /** @param clusterDomain each listed cluster's domain */
    public Domains(Map<String, String> clusterDomain) {
        this.clusterDomain = Map.copyOf(clusterDomain);
        TreeSet<String> names = new TreeSet<>(clusterDomain.values());
        names.add(DEFAULT);
        this.all = List.copyOf(names);
    }

    /** Every domain, {@value #DEFAULT} among them, in name order. */
    public List<String> all() {
        return all;
    }

    public String of(String cluster) {
        return clusterDomain.getOrDefault(cluster, DEFAULT);
    }

    /**
     * The domain of a submission, or null when its affinity spans domains.
     */
    public String of(WorkloadSpec spec) {
        String domain = null;
        for (String cluster : spec.affinityClusters()) {
            String d = of(cluster);
            if (domain != null && !domain.equals(d)) {
                return null;
            }
            domain = d;
        }
        if (domain != null) {
            return domain;
        }
        return spec.homeCluster() != null ? of(spec.homeCluster()) : DEFAULT;
    }

    /** Which domains the affinity names, for the refusal's message. */
    public TreeSet<String> named(WorkloadSpec spec) {
        TreeSet<String> names = new TreeSet<>();
        spec.affinityClusters().forEach(c -> names.add(of(c) + " (" + c + ")"));
        return names;
    }
}
