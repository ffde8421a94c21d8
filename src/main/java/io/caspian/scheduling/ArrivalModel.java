package io.caspian.scheduling;

import io.caspian.events.WorkloadSpec;

/**
 * What a scheduling domain has learnt about the workloads that arrive: how many were submitted in each
 * hour of the last week (a ring of 168 hourly counts), and the shape of a typical one (running means of
 * resources, runtime and deadline). The expected arrivals of an hour are the mean count of the same hour
 * of day over the days seen (at most seven), the method of the learned carbon forecast
 * ({@link HourlyHistory}) applied to arrivals. A mutable POJO (Flink state), bounded whatever the traffic.
 */
public class ArrivalModel {

    static final int HOURS = 168;
    private static final long HOUR = 3_600_000L;

    /** Submissions per hour, at index (hour since the epoch) mod 168. */
    public long[] counts = new long[HOURS];
    /** The first and the latest hour the counts cover; Long.MIN_VALUE before the first submission. */
    public long firstHour = Long.MIN_VALUE;
    public long lastHour = Long.MIN_VALUE;
    public long observed;
    public double cpu;
    public double memGb;
    public double dataGb;
    public double runtimeMinutes;
    public double deadlineMinutes;

    public ArrivalModel() {}

    /** Counts a submission and folds its shape into the typical one. */
    public void observe(long submittedMillis, WorkloadSpec spec) {
        long hour = Math.floorDiv(submittedMillis, HOUR);
        advanceTo(hour);
        if (hour < lastHour - HOURS + 1) {
            return; // older than the week kept
        }
        counts[(int) Math.floorMod(hour, (long) HOURS)]++;
        observed++;
        cpu += (spec.cpu() - cpu) / observed;
        memGb += (spec.memGb() - memGb) / observed;
        dataGb += (spec.dataGb() - dataGb) / observed;
        runtimeMinutes += (spec.runtimeMinutes() - runtimeMinutes) / observed;
        deadlineMinutes += (spec.deadlineMinutes() - deadlineMinutes) / observed;
    }

    /** Moves the window to end at this hour: hours passed without a submission count as zero. */
    public void advanceTo(long hour) {
        if (firstHour == Long.MIN_VALUE) {
            firstHour = hour;
            lastHour = hour;
            return;
        }
        if (hour <= lastHour) {
            return;
        }
        for (long h = Math.max(lastHour + 1, hour - HOURS + 1); h <= hour; h++) {
            counts[(int) Math.floorMod(h, (long) HOURS)] = 0;
        }
        lastHour = hour;
    }

    /**
     * Expected submissions in the hour starting at {@code hourMillis}: the mean of the same hour of day
     * over the past days (at most seven) whose same hour the window covers; NaN when none does yet.
     */
    public double expectedPerHour(long hourMillis) {
        long hour = Math.floorDiv(hourMillis, HOUR);
        double sum = 0;
        int days = 0;
        for (int d = 1; d <= 7; d++) {
            long past = hour - 24L * d;
            if (past >= firstHour && past < lastHour && past > lastHour - HOURS) {
                sum += counts[(int) Math.floorMod(past, (long) HOURS)];
                days++;
            }
        }
        if (days == 0) {
            return Double.NaN;
        }
        return sum / days;
    }
}
