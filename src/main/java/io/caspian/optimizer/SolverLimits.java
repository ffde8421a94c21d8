package io.caspian.optimizer;

import java.time.Duration;

/**
 * How much work each solver may do in one round. Both limits that decide a plan count work, not time,
 * so the same round gives the same plan however loaded the machine is; the wall-clock limit is only a
 * safety net for a machine far slower than the deterministic limits were chosen on.
 *
 * @param localSearchBudget choices the heuristic's local search may price (a (job, site, start slot)
 *     weighed, or a job examined as one in the way), summed over its passes
 * @param deterministicTime CP-SAT's {@code max_deterministic_time}, in its own work units (on this
 *     project's 2-core machine one unit took about 2 s of wall time when idle, up to 6 times that with
 *     every core busy; see docs/optimizer.md)
 * @param safetyTimeLimit wall-clock cap on one exact solve; in normal operation the deterministic limit
 *     stops CP-SAT long before it
 */
public record SolverLimits(long localSearchBudget, double deterministicTime, Duration safetyTimeLimit) {

    /** The shipped defaults, the same as {@code scheduler.*} in caspian.yaml. */
    public static final SolverLimits DEFAULTS = new SolverLimits(30_000_000L, 1.0, Duration.ofSeconds(60));

    public SolverLimits {
        if (localSearchBudget < 0) {
            throw new IllegalArgumentException("local search budget must be >= 0, got " + localSearchBudget);
        }
        if (!(deterministicTime > 0) || Double.isInfinite(deterministicTime)) {
            throw new IllegalArgumentException("deterministic time must be a finite number > 0, got " + deterministicTime);
        }
        if (safetyTimeLimit.isNegative() || safetyTimeLimit.isZero()) {
            throw new IllegalArgumentException("safety time limit must be positive, got " + safetyTimeLimit);
        }
    }

    public SolverLimits withDeterministicTime(double units) {
        return new SolverLimits(localSearchBudget, units, safetyTimeLimit);
    }

    public SolverLimits withSafetyTimeLimit(Duration limit) {
        return new SolverLimits(localSearchBudget, deterministicTime, limit);
    }
}
