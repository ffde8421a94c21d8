package io.caspian.events;

import java.util.List;

/**
 * What a workload asks for, with the AppWrapper fields of the seed.
 *
 * @param deadlineMinutes minutes after submission by which the workload must have finished
 * @param affinityClusters clusters it may run on; empty means any
 * @param homeCluster where it would run without CASPIAN (the baseline); null when not given
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
        String homeCluster) {

    public Resources resources() {
        return new Resources(cpu, memGb, gpu);
    }

    public boolean allows(String cluster) {
        return affinityClusters == null || affinityClusters.isEmpty() || affinityClusters.contains(cluster);
    }
}
