package io.caspian.optimizer;

/** What is committed on every site in every slot, to keep capacity in every slot. */
public final class Occupancy {

    private static final double EPSILON = 1e-9;

    private final Problem problem;
    private final double[][] cpu;
    private final double[][] mem;
    private final int[][] gpu;

    public Occupancy(Problem problem) {
        this.problem = problem;
        int slots = problem.occupancySlots();
        int sites = problem.sites().size();
        cpu = new double[sites][slots];
        mem = new double[sites][slots];
        gpu = new int[sites][slots];
    }

    public boolean fits(Job job, int site, int startSlot) {
        Site s = problem.sites().get(site);
        if (job.cpu() > s.cpu() + EPSILON || job.memGb() > s.memGb() + EPSILON || job.gpu() > s.gpu()) {
            return false;
        }
        int end = startSlot + problem.slotsFor(job.durationMinutes());
        for (int t = startSlot; t < end; t++) {
            if (cpu[site][t] + job.cpu() > s.cpu() + EPSILON
                    || mem[site][t] + job.memGb() > s.memGb() + EPSILON
                    || gpu[site][t] + job.gpu() > s.gpu()) {
                return false;
            }
        }
        return true;
    }

    public void add(Job job, int site, int startSlot) {
        change(job, site, startSlot, 1);
    }

    public void remove(Job job, int site, int startSlot) {
        change(job, site, startSlot, -1);
    }

    private void change(Job job, int site, int startSlot, int sign) {
        int end = startSlot + problem.slotsFor(job.durationMinutes());
        for (int t = startSlot; t < end; t++) {
            cpu[site][t] += sign * job.cpu();
            mem[site][t] += sign * job.memGb();
            gpu[site][t] += sign * job.gpu();
        }
    }

    /** True when no site is over its capacity in any slot. */
    public boolean withinCapacity() {
        for (int site = 0; site < cpu.length; site++) {
            Site s = problem.sites().get(site);
            for (int t = 0; t < cpu[site].length; t++) {
                if (cpu[site][t] > s.cpu() + 1e-6 || mem[site][t] > s.memGb() + 1e-6 || gpu[site][t] > s.gpu()) {
                    return false;
                }
            }
        }
        return true;
    }
}
