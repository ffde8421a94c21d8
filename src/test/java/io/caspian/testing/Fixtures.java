package io.caspian.testing;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.ForecastPoint;
import io.caspian.events.Resources;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Named times, the seed's clusters and builders for events, shared by the tests. */
public final class Fixtures {

    public static final long MINUTE = 60_000L;
    /** The seed's T1: KR 400, JP 450, CN 550. */
    public static final long T1 = Instant.parse("2025-10-22T08:00:00Z").toEpochMilli();
    /** Five minutes later: KR 700, JP 300, CN 600. */
    public static final long T2 = T1 + 5 * MINUTE;
    public static final long ROUND_1 = T1 + 5 * MINUTE;
    public static final long ROUND_2 = T1 + 10 * MINUTE;

    private Fixtures() {}

    public static CaspianConfig config(Map<String, String> overrides) {
        return new ConfigLoader().load(null, overrides);
    }

    public static CaspianConfig config() {
        return config(Map.of());
    }

    public static Cluster cluster(String name, String zone, double cpu, long at) {
        Resources total = new Resources(cpu, cpu * 4, 0);
        return new Cluster(name, zone, total, total, "kind-" + name, ClusterStatus.READY, at);
    }

    public static List<Cluster> seedClusters(long at) {
        return List.of(cluster("carbon-kr", "KR", 64, at), cluster("carbon-jp", "JP", 64, at),
                cluster("carbon-cn", "CN", 64, at));
    }

    public static CarbonReading reading(String zone, double intensity, long at) {
        return new CarbonReading(zone, intensity, at, "test", false, CarbonReading.AVERAGE, List.of());
    }

    public static CarbonReading reading(String zone, double intensity, long at, List<ForecastPoint> forecast) {
        return new CarbonReading(zone, intensity, at, "test", false, CarbonReading.AVERAGE, forecast);
    }

    public static WorkloadSpec spec(double cpu, double dataGb, int runtimeMinutes, int deadlineMinutes) {
        return new WorkloadSpec(cpu, cpu * 4, 0, dataGb, runtimeMinutes, deadlineMinutes, List.of(), "busybox",
                List.of("true"), null);
    }

    public static WorkloadEvent submitted(String jobId, WorkloadSpec spec, long at) {
        return new WorkloadEvent(jobId, WorkloadAction.SUBMITTED, at, spec, null);
    }

    public static WorkloadEvent ended(String jobId, WorkloadAction action, long at) {
        return new WorkloadEvent(jobId, action, at, null, null);
    }

    public static SchedulerInput in(CarbonReading reading) {
        return SchedulerInput.of(reading);
    }

    public static SchedulerInput in(Cluster cluster) {
        return SchedulerInput.of(cluster);
    }

    public static SchedulerInput in(WorkloadEvent event) {
        return SchedulerInput.of(event);
    }

    public static SchedulerInput in(io.caspian.events.PolicyDocument policy) {
        return SchedulerInput.of(policy);
    }
}
