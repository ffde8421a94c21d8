package io.caspian.optimizer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A workload to plan.
 *
 * @param durationMinutes remaining runtime (the whole runtime for a pending workload)
 * @param running true when it already runs on {@code currentCluster}: it starts in slot 0, and
 *     moving it costs a migration
 * @param currentCluster the cluster it runs on, null when it is not running
 * @param currentSite index of that cluster among the sites, -1 when it is not one of them
 * @param latestStartSlot last start slot that still meets the deadline; negative when none does
 * @param allowedSites which sites its affinity allows, by index
 * @param homeSite the baseline's site (start at once there), -1 when none is allowed
 * @param migration the price of moving this workload when its own policy sets one (a tenant or label
 *     scope), null for the problem's
 * @param earliestStartSlot first slot it may start in: 0 for a workload that is here, later for one
 *     expected to arrive then (an anticipated arrival, which the plan reserves room for)
 */
public record Job(
        String id,
        double cpu,
        double memGb,
        int gpu,
        double powerWatts,
        double durationMinutes,
        double dataGb,
        boolean running,
        String currentCluster,
        int currentSite,
        int latestStartSlot,
        boolean[] allowedSites,
        int homeSite,
        MigrationCostModel migration,
        int earliestStartSlot) {

    /** A workload that is here now, priced by its own migration model when it has one. */
    public Job(String id, double cpu, double memGb, int gpu, double powerWatts, double durationMinutes, double dataGb,
            boolean running, String currentCluster, int currentSite, int latestStartSlot, boolean[] allowedSites, int homeSite,
            MigrationCostModel migration) {
        this(id, cpu, memGb, gpu, powerWatts, durationMinutes, dataGb, running, currentCluster, currentSite, latestStartSlot,
                allowedSites, homeSite, migration, 0);
    }

    /** A workload priced by the problem's migration model. */
    public Job(String id, double cpu, double memGb, int gpu, double powerWatts, double durationMinutes, double dataGb,
            boolean running, String currentCluster, int currentSite, int latestStartSlot, boolean[] allowedSites, int homeSite) {
        this(id, cpu, memGb, gpu, powerWatts, durationMinutes, dataGb, running, currentCluster, currentSite, latestStartSlot,
                allowedSites, homeSite, null, 0);
    }

    /**
     * Whether the other job is this one under another name: every field but the id is equal, so every
     * figure the optimizers derive from a job is the same for both. A field added to the job belongs
     * here too.
     */
    public boolean interchangeable(Job other) {
        return cpu == other.cpu && memGb == other.memGb && gpu == other.gpu && powerWatts == other.powerWatts
                && durationMinutes == other.durationMinutes && dataGb == other.dataGb && running == other.running
                && Objects.equals(currentCluster, other.currentCluster) && currentSite == other.currentSite
                && latestStartSlot == other.latestStartSlot && Arrays.equals(allowedSites, other.allowedSites)
                && homeSite == other.homeSite && Objects.equals(migration, other.migration)
                && earliestStartSlot == other.earliestStartSlot;
    }

    public boolean deadlineReachable() {
        return latestStartSlot >= 0;
    }

    /** An expected arrival the plan reserves room for, not a workload that is here. */
    public boolean anticipated() {
        return earliestStartSlot > 0;
    }

    /** The first start slot to consider. */
    public int firstCandidateSlot() {
        return running ? 0 : earliestStartSlot;
    }

    /** Start slots to consider: slot 0 only when running or already late, else up to the deadline. */
    public int lastCandidateSlot(int horizonSlots) {
        if (running || latestStartSlot < 0) {
            return 0;
        }
        return Math.min(latestStartSlot, horizonSlots - 1);
    }
}
