package io.caspian.sources;

import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.ForecastPoint;
import io.caspian.events.RawRecord;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.WorkloadEventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The embedded demo's input, generated from a seed: the CASPIAN seed's three clusters and its
 * scenario (at T1 KR 400, JP 450, CN 550 gCO2/kWh and a 50 GB workload lands on carbon-kr; five
 * minutes later KR 700, JP 300, CN 600 and it moves to carbon-jp), then synthetic intensity curves,
 * background workloads with Poisson arrivals, a cancellation, and a handful of bad records that must
 * end on the dead-letter output.
 */
public final class DemoScenario {

    public static final Instant T1 = Instant.parse("2025-10-22T08:00:00Z");
    public static final long MINUTE = 60_000L;
    public static final String SEED_JOB = "migration-test";
    public static final String CARBON_SOURCE = "demo-carbon";
    public static final String WORKLOAD_SOURCE = "demo-workloads";
    public static final String CLUSTER_SOURCE = "demo-clusters";
    /** How long the generated carbon trace runs; every demo workload ends well within it. */
    public static final long TRACE_MINUTES = 13 * 60;
    /** Forecasts are attached from this point on; the seed scenario itself runs without one. */
    public static final long FORECAST_FROM_MINUTES = 60;

    private final List<RawRecord> carbon = new ArrayList<>();
    private final List<RawRecord> workloads = new ArrayList<>();
    private final List<RawRecord> clusters = new ArrayList<>();

    private DemoScenario() {}

    public List<RawRecord> carbon() {
        return carbon;
    }

    public List<RawRecord> workloads() {
        return workloads;
    }

    public List<RawRecord> clusters() {
        return clusters;
    }

    public static DemoScenario generate(long seed, int backgroundWorkloads) {
        DemoScenario scenario = new DemoScenario();
        Random random = new Random(seed);
        long t1 = T1.toEpochMilli();
        scenario.addClusters(t1 - MINUTE);
        scenario.addCarbon(t1, random);
        scenario.addSeedWorkload(t1 + 30_000);
        scenario.addBackground(t1 + 10 * MINUTE, backgroundWorkloads, random);
        scenario.addBadRecords(t1);
        // each source emits in event-time order, as a well-behaved producer would
        for (List<RawRecord> records : List.of(scenario.carbon, scenario.workloads, scenario.clusters)) {
            records.sort(Comparator.comparingLong(RawRecord::timestampMillis));
        }
        return scenario;
    }

    private void addClusters(long at) {
        cluster("carbon-kr", "KR", new Resources(96, 384, 0), at);
        cluster("carbon-jp", "JP", new Resources(64, 256, 0), at);
        cluster("carbon-cn", "CN", new Resources(128, 512, 4), at);
    }

    private void cluster(String name, String zone, Resources total, long at) {
        Cluster cluster = new Cluster(name, zone, total, total, "kind-" + name, ClusterStatus.READY, at);
        clusters.add(new RawRecord(CLUSTER_SOURCE, 0, clusters.size(), at, ClusterJson.write(cluster)));
    }

    /** Intensity of a zone at a minute after T1, without noise. */
    static double curve(String zone, long minute) {
        if (minute < 5) {
            return switch (zone) { case "KR" -> 400; case "JP" -> 450; default -> 550; };
        }
        if (minute < 10) {
            return switch (zone) { case "KR" -> 700; case "JP" -> 300; default -> 600; };
        }
        double phase = 2 * Math.PI * minute / 360.0;
        return switch (zone) {
            case "KR" -> 640 + 60 * Math.sin(phase + 1.0);
            case "JP" -> 330 + 70 * Math.sin(phase);
            default -> 590 + 25 * Math.sin(phase + 2.0);
        };
    }

    private void addCarbon(long t1, Random random) {
        for (long minute = 0; minute <= TRACE_MINUTES; minute += 5) {
            for (String zone : List.of("KR", "JP", "CN")) {
                double noise = minute < 10 ? 0 : (random.nextDouble() - 0.5) * 0.04 * curve(zone, minute);
                double value = Math.round((curve(zone, minute) + noise) * 100) / 100.0;
                List<ForecastPoint> forecast = new ArrayList<>();
                if (minute >= FORECAST_FROM_MINUTES) {
                    for (long ahead = 15; ahead <= 6 * 60; ahead += 15) {
                        forecast.add(new ForecastPoint(t1 + (minute + ahead) * MINUTE,
                                Math.round(curve(zone, minute + ahead) * 100) / 100.0));
                    }
                }
                long at = t1 + minute * MINUTE;
                CarbonReading reading = new CarbonReading(zone, value, at, "demo", false, CarbonReading.AVERAGE, forecast);
                carbon.add(new RawRecord(CARBON_SOURCE, 0, carbon.size(), at, CarbonReadingJson.write(reading)));
            }
        }
    }

    private void addSeedWorkload(long at) {
        WorkloadSpec spec = new WorkloadSpec(16, 64, 0, 50, 240, 480, List.of(), "python:3.11-slim",
                List.of("python", "train.py"), null);
        workload(new WorkloadEvent(SEED_JOB, WorkloadAction.SUBMITTED, at, spec, null));
    }

    private void addBackground(long from, int count, Random random) {
        int[] cpus = {1, 2, 4, 8, 16};
        long at = from;
        for (int i = 1; i <= count; i++) {
            at += Math.round(-Math.log(1 - random.nextDouble()) * 4.5 * MINUTE);
            int cpu = cpus[random.nextInt(cpus.length)];
            int runtime = 15 + 15 * random.nextInt(12);
            int deadline = runtime + 30 + 30 * random.nextInt(12);
            double data = Math.round(random.nextDouble() * 40 * 10) / 10.0;
            String id = String.format("bg-%03d", i);
            WorkloadSpec spec = new WorkloadSpec(cpu, cpu * 4.0, 0, data, runtime, deadline, List.of(), "busybox:1.36",
                    List.of("sh", "-c", "sleep " + runtime * 60), null);
            workload(new WorkloadEvent(id, WorkloadAction.SUBMITTED, at, spec, null));
            if (i == 7) {
                workload(new WorkloadEvent(id, WorkloadAction.CANCELLED, at + 20 * MINUTE, null, null));
            }
        }
    }

    private void addBadRecords(long t1) {
        long atMillis = t1 + 2 * MINUTE;
        String at = Instant.ofEpochMilli(atMillis).toString();
        badWorkload(atMillis, "{\"job_id\": \"broken-json\", \"cpu\": ");
        badWorkload(atMillis, "{\"job_id\":\"negative-cpu\",\"timestamp\":\"" + at
                + "\",\"cpu\":-2,\"mem_gb\":4,\"runtime_minutes\":30,\"deadline_minutes\":60}");
        badWorkload(atMillis, "{\"job_id\":\"impossible-deadline\",\"timestamp\":\"" + at
                + "\",\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":120,\"deadline_minutes\":60}");
        badWorkload(atMillis, "{\"job_id\":\"unknown-affinity\",\"timestamp\":\"" + at
                + "\",\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":30,\"deadline_minutes\":90,\"affinity_clusters\":[\"carbon-us\"]}");
        badWorkload(atMillis, "{\"job_id\":\"" + SEED_JOB + "\",\"timestamp\":\"" + at
                + "\",\"cpu\":1,\"mem_gb\":1,\"runtime_minutes\":10,\"deadline_minutes\":20}");
        carbon.add(new RawRecord(CARBON_SOURCE, 0, carbon.size(), atMillis,
                "{\"zone\":\"KR\",\"carbon_intensity_gco2_per_kwh\":\"high\",\"timestamp\":\"" + at + "\"}"));
    }

    private void badWorkload(long atMillis, String payload) {
        workloads.add(new RawRecord(WORKLOAD_SOURCE, 0, workloads.size(), atMillis, payload));
    }

    private void workload(WorkloadEvent event) {
        workloads.add(new RawRecord(WORKLOAD_SOURCE, 0, workloads.size(), event.timestampMillis(),
                WorkloadEventJson.write(event)));
    }
}
