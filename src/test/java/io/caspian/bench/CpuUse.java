package io.caspian.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The CPU time this JVM spends over a run, against the wall time and the cores: the benchmark's broker,
 * Flink and the job all run in it. On a machine whose cores are all busy, a subtask's busy share
 * (TaskLoad) includes waiting for a core, and throughput follows the CPU time each event costs; on two
 * cores that cost is also steadier from run to run than the rate.
 */
final class CpuUse {

    /** What a run cost. */
    record Figures(double cpuSeconds, double wallSeconds, int cores) {

        double microsPer(long events) {
            return cpuSeconds * 1e6 / events;
        }

        /** The share of all cores' time the JVM used. */
        double utilisation() {
            return cpuSeconds / (wallSeconds * cores);
        }

        String line(long events) {
            return String.format(Locale.ROOT, "cpu: %.0f µs per event (%.1f s of CPU over %.1f s; the %d cores %.0f %% busy)",
                    microsPer(events), cpuSeconds, wallSeconds, cores, 100 * utilisation());
        }
    }

    private final long cpuStart = cpuNanos();
    private final long wallStart = System.nanoTime();

    static CpuUse start() {
        return new CpuUse();
    }

    Figures stop() {
        return new Figures((cpuNanos() - cpuStart) / 1e9, (System.nanoTime() - wallStart) / 1e9,
                Runtime.getRuntime().availableProcessors());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
