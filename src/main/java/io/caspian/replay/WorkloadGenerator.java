package io.caspian.replay;

import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Workloads for a back-test: seeded Poisson arrivals, or one every hour. Each is homed on its zone's
 * cluster (the baseline starts it there at once). A round at time B plans what was submitted in
 * [B − interval, B), so a workload meant to arrive at hour H is submitted one minute before H, with one
 * more minute of deadline, and is first planned at H with the whole window [H, H + deadline) open.
 */
public final class WorkloadGenerator {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    /** How long before its arrival hour a workload is submitted. */
    public static final long LEAD_MILLIS = MINUTE;

    private WorkloadGenerator() {}

    /**
     * One workload every hour for each zone, arriving at every hour in [from, to) whose whole deadline
     * window lies before {@code to}.
     */
    public static List<WorkloadEvent> hourly(List<String> zones, long fromMillis, long toMillis, ReplayOptions o) {
        List<WorkloadEvent> events = new ArrayList<>();
        long window = o.deadlineHours() * HOUR;
        for (long arrival = ceilHour(fromMillis); arrival + window <= toMillis; arrival += HOUR) {
            for (String zone : zones) {
                events.add(submit(zone, arrival, events.size(), o));
            }
        }
        return events;
    }

    /** Poisson arrivals per zone at the configured mean rate, each rounded to an arrival hour boundary's lead. */
    public static List<WorkloadEvent> poisson(List<String> zones, long fromMillis, long toMillis, ReplayOptions o) {
        Random random = new Random(o.seed());
        List<WorkloadEvent> events = new ArrayList<>();
        long window = o.deadlineHours() * HOUR;
        for (String zone : zones) {
            double at = fromMillis;
            while (true) {
                at += -Math.log(1 - random.nextDouble()) / o.arrivalsPerHour() * HOUR;
                long arrival = (long) at;
                if (arrival + window > toMillis) {
                    break;
                }
                events.add(submit(zone, arrival, events.size(), o));
            }
        }
        events.sort(java.util.Comparator.comparingLong(WorkloadEvent::timestampMillis));
        return events;
    }

    private static WorkloadEvent submit(String zone, long arrivalMillis, int index, ReplayOptions o) {
        String cluster = ReplayOptions.clusterOf(zone);
        WorkloadSpec spec = new WorkloadSpec(o.cpu(), o.memGb(), 0, 0, o.runtimeMinutes(),
                o.deadlineHours() * 60 + (int) (LEAD_MILLIS / MINUTE), o.anyZone() ? List.of() : List.of(cluster), "replay",
                List.of(), cluster);
        return new WorkloadEvent(String.format("w-%s-%06d", zone, index), WorkloadAction.SUBMITTED,
                arrivalMillis - LEAD_MILLIS, spec, null);
    }

    static long ceilHour(long millis) {
        return Math.floorDiv(millis + HOUR - 1, HOUR) * HOUR;
    }
}
