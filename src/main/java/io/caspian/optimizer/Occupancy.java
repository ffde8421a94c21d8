package io.caspian.optimizer;

/** What is committed on every site in every slot, to keep capacity in every slot. */
public final class Occupancy {

    private static final double EPSILON = 1e-9;
    /** {@link #blockedAt}: the job fits. */
    public static final int FITS = -1;
    /** {@link #blockedAt}: the job is larger than the site, at any start. */
    public static final int NEVER = Integer.MAX_VALUE;

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
        return blockedAt(job, site, startSlot) == FITS;
    }

    /**
     * {@link #fits} with the reason it does not: {@link #FITS}, or the first slot from {@code startSlot}
     * on where the job does not fit, or {@link #NEVER} when it is larger than the site. Every start
     * from {@code startSlot} up to the slot returned overlaps that slot, so a scan over starts may skip
     * straight past it: none of them fits either.
     */
    public int blockedAt(Job job, int site, int startSlot) {
        Site s = problem.sites().get(site);
        if (job.cpu() > s.cpu() + EPSILON || job.memGb() > s.memGb() + EPSILON || job.gpu() > s.gpu()) {
            return NEVER;
        }
        double needCpu = job.cpu();
        double needMem = job.memGb();
        int needGpu = job.gpu();
        double cpuCap = s.cpu() + EPSILON;
        double memCap = s.memGb() + EPSILON;
        int gpuCap = s.gpu();
        double[] siteCpu = cpu[site];
        double[] siteMem = mem[site];
        int[] siteGpu = gpu[site];
        int end = startSlot + problem.slotsFor(job.durationMinutes());
        for (int t = startSlot; t < end; t++) {
            if (siteCpu[t] + needCpu > cpuCap || siteMem[t] + needMem > memCap || siteGpu[t] + needGpu > gpuCap) {
                return t;
            }
        }
        return FITS;
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
