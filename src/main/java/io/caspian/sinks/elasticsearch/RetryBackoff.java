package io.caspian.sinks.elasticsearch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: after the n-th failure in a row the next try waits a random
 * time up to min(max, initial * 2^(n-1)). Jitter keeps the subtasks from retrying in step against a
 * node that is just coming back. A success resets the count.
 */
final class RetryBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private int consecutiveFailures;

    RetryBackoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = Math.max(initial.toMillis(), max.toMillis());
    }

    synchronized long nextDelayMillis() {
        consecutiveFailures++;
        return ThreadLocalRandom.current().nextLong(ceilingMillis(consecutiveFailures) + 1);
    }

    synchronized void reset() {
        consecutiveFailures = 0;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    long ceilingMillis(int failures) {
        int doublings = Math.min(failures - 1, 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }
}
