package io.caspian.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the dead letters of one operator: {@value #TOTAL} in all, and {@value #BY_REASON} with a
 * {@code reason} label. Reasons are the job's own constants, so the label has a small, fixed set of
 * values however hostile the input.
 */
public final class DeadLetterCounters {

    public static final String TOTAL = "deadLetters";
    public static final String BY_REASON = "deadLettersByReason";
    public static final String REASON = "reason";

    private final MetricGroup group;
    private final Counter total;
    private final Map<String, Counter> byReason = new HashMap<>();

    public DeadLetterCounters(MetricGroup group) {
        this.group = group;
        this.total = group.counter(TOTAL);
    }

    public void count(String reason) {
        total.inc();
        byReason.computeIfAbsent(reason, r -> group.addGroup(REASON, r).counter(BY_REASON)).inc();
    }

    public long total() {
        return total.getCount();
    }
}
