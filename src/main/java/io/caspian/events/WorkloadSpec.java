package io.caspian.events;

import java.util.List;
import java.util.Map;

/**
 * What a workload asks for, with the AppWrapper fields of the seed.
 *
 * @param deadlineMinutes minutes after submission by which the workload must have finished
 * @param affinityClusters clusters it may run on; empty means any
 * @param homeCluster where it would run without CASPIAN (the baseline); null when not given
 * @param tenant whom it runs for, null when not given; a policy may be scoped to a tenant
 * @param labels name to value, empty when none; a policy may be scoped to a label
 */
public record WorkloadSpec(
        double cpu,
        double memGb,
        int gpu,
        double dataGb,
        int runtimeMinutes,
        int deadlineMinutes,
        List<String> affinityClusters,
        String image,
        List<String> command,
        String homeCluster,
        String tenant,
        Map<String, String> labels) {

    public WorkloadSpec {
        labels = labels == null || labels.isEmpty() ? Map.of() : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    }

    /** A workload of no tenant and no labels. */
    public WorkloadSpec(double cpu, double memGb, int gpu, double dataGb, int runtimeMinutes, int deadlineMinutes,
            List<String> affinityClusters, String image, List<String> command, String homeCluster) {
        this(cpu, memGb, gpu, dataGb, runtimeMinutes, deadlineMinutes, affinityClusters, image, command, homeCluster, null, Map.of());
    }

    public Resources resources() {
        return new Resources(cpu, memGb, gpu);
    }

    public boolean allows(String cluster) {
        return affinityClusters == null || affinityClusters.isEmpty() || affinityClusters.contains(cluster);
    }
}
