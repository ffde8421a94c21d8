package io.caspian.optimizer;

/**
 * Resources as whole thousandths of a core or a GB, the unit every capacity check of the optimizers
 * counts in: a job's demand is rounded up and a site's capacity down, so a plan that fits in these
 * units never exceeds a capacity. Counting in integers makes adding and removing a job exact: the
 * occupancy after trying a move and taking it back is the occupancy before, bit for bit.
 */
final class ResourceUnits {

    static final long SCALE = 1000;

    private ResourceUnits() {}

    static long demand(double amount) {
        return (long) Math.ceil(amount * SCALE - 1e-6);
    }

    static long capacity(double amount) {
        return (long) Math.floor(amount * SCALE + 1e-6);
    }

    /** Whether the job fits on the site when nothing else runs there. */
    static boolean fitsEmpty(Job job, Site site) {
        return demand(job.cpu()) <= capacity(site.cpu()) && demand(job.memGb()) <= capacity(site.memGb())
                && job.gpu() <= site.gpu();
    }
}
