package io.caspian.optimizer;

import java.util.List;

/**
 * One scheduling round: where and when should each job run so that the carbon of the runs plus the
 * cost of migrations is least, with every site's capacity respected in every slot.
 *
 * @param startMillis when slot 0 begins (the round's time)
 */
public record Problem(
        long startMillis, long slotMillis, int horizonSlots, List<Site> sites, List<Job> jobs, MigrationCostModel migration) {

    public double slotMinutes() {
        return slotMillis / 60_000.0;
    }

    /** Slots a run of this many minutes occupies. */
    public int slotsFor(double durationMinutes) {
        return Math.max(1, (int) Math.ceil(durationMinutes / slotMinutes() - 1e-9));
    }

    /** gCO2 of running the job on the site from the start slot for its whole duration. */
    public double carbon(Job job, int site, int startSlot) {
        Site s = sites.get(site);
        double slotMinutes = slotMinutes();
        int fullSlots = (int) Math.floor(job.durationMinutes() / slotMinutes + 1e-9);
        double lastMinutes = job.durationMinutes() - fullSlots * slotMinutes;
        double gramsPerKwhMinutes = s.sum(startSlot, startSlot + fullSlots) * slotMinutes;
        if (lastMinutes > 1e-9) {
            gramsPerKwhMinutes += s.at(startSlot + fullSlots) * lastMinutes;
        }
        return job.powerWatts() / 1000.0 * gramsPerKwhMinutes / 60.0;
    }


    /**
     * Whether the job may be put on the site at all: its affinity allows it and, when it runs
     * elsewhere, the move is not forbidden.
     */
    public boolean allowed(Job job, int site) {
        return job.allowedSites()[site] && (!job.running() || migrationOf(job).allowed(job.currentCluster(), sites.get(site).name()));
    }

    public double migrationCost(Job job, int site) {
        if (!job.running()) {
            return 0;
        }
        return migrationOf(job).cost(job.currentCluster(), sites.get(site).name(), job.dataGb());
    }

    /** The job's own migration model when its policy sets one, else the problem's. */
    private MigrationCostModel migrationOf(Job job) {
        return job.migration() != null ? job.migration() : migration;
    }

    /** What the optimizer minimises for one choice. */
    public double cost(Job job, int site, int startSlot) {
        return carbon(job, site, startSlot) + migrationCost(job, site);
    }

    /** Number of slots the capacity must be tracked over. */
    public int occupancySlots() {
        int longest = 0;
        for (Job job : jobs) {
            longest = Math.max(longest, slotsFor(job.durationMinutes()));
        }
        return horizonSlots + longest;
    }
}
