package io.caspian.optimizer;

import static io.caspian.optimizer.ResourceUnits.capacity;
import static io.caspian.optimizer.ResourceUnits.demand;

/**
 * What is committed on every site in every slot, to keep capacity in every slot. Counted in
 * {@link ResourceUnits}, so that adding and removing are exact and a check never depends on the order
 * in which jobs came and went.
 */
public final class Occupancy {

    /** {@link #blockedAt}: the job fits. */
    public static final int FITS = -1;
    /** {@link #blockedAt}: the job is larger than the site, at any start. */
    public static final int NEVER = Integer.MAX_VALUE;

    private final Problem problem;
    private final long[] cpuCapacity;
    private final long[] memCapacity;
    private final long[][] cpu;
    private final long[][] mem;
    private final int[][] gpu;

    public Occupancy(Problem problem) {
        this.problem = problem;
        int slots = problem.occupancySlots();
        int sites = problem.sites().size();
        cpuCapacity = new long[sites];
        memCapacity = new long[sites];
        for (int s = 0; s < sites; s++) {
            cpuCapacity[s] = capacity(problem.sites().get(s).cpu());
            memCapacity[s] = capacity(problem.sites().get(s).memGb());
        }
        cpu = new long[sites][slots];
        mem = new long[sites][slots];
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
        long needCpu = demand(job.cpu());
        long needMem = demand(job.memGb());
        int needGpu = job.gpu();
        long cpuCap = cpuCapacity[site];
        long memCap = memCapacity[site];
        int gpuCap = problem.sites().get(site).gpu();
        if (needCpu > cpuCap || needMem > memCap || needGpu > gpuCap) {
            return NEVER;
        }
        long[] siteCpu = cpu[site];
        long[] siteMem = mem[site];
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
        long needCpu = sign * demand(job.cpu());
        long needMem = sign * demand(job.memGb());
        int needGpu = sign * job.gpu();
        long[] siteCpu = cpu[site];
        long[] siteMem = mem[site];
        int[] siteGpu = gpu[site];
        int end = startSlot + problem.slotsFor(job.durationMinutes());
        for (int t = startSlot; t < end; t++) {
            siteCpu[t] += needCpu;
            siteMem[t] += needMem;
            siteGpu[t] += needGpu;
        }
    }

    /** True when no site is over its capacity in any slot. */
    public boolean withinCapacity() {
        for (int site = 0; site < cpu.length; site++) {
            int gpuCap = problem.sites().get(site).gpu();
            for (int t = 0; t < cpu[site].length; t++) {
                if (cpu[site][t] > cpuCapacity[site] || mem[site][t] > memCapacity[site] || gpu[site][t] > gpuCap) {
                    return false;
                }
            }
        }
        return true;
    }
}
