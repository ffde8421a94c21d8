package io.caspian.bench;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.ForecastPoint;
import io.caspian.events.Placement;
import io.caspian.events.Resources;
import io.caspian.events.RoundSummary;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.functions.OutputTags;
import io.caspian.functions.PlacementRounds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One scheduling round inside the job, as the placement-rounds operator runs it on RocksDB: reading
 * and writing keyed state, planning, and emitting (each record serialized once, as the job's network
 * output does: {@link SerializingOutput}), for N active workloads over 20 clusters at the
 * shipped defaults (15-minute slots over 24 h: 96 slots, solver {@code auto}). Prints the time of the
 * first round (every workload new), and of the two after it (every workload running: the steady state).
 * A run at 2,000 workloads warms the JVM first, as a job that has run for a while is warm.
 *
 * <pre>mvn -B -q -o test-compile exec:exec -Dcaspian.exec.scope=test -Dmain.class=io.caspian.bench.RoundBenchmark -Dcaspian.args="10000 100000"</pre>
 */
public final class RoundBenchmark {

    static final long MINUTE = 60_000L;
    static final long T0 = Instant.parse("2025-10-22T08:00:00Z").toEpochMilli();

    /**
     * The fleet a run plans and the carbon it is fed.
     *
     * @param coresPerCluster each cluster's cores; 0 for twice the workloads' cores spread over the clusters
     * @param readingsPerRound readings of each zone per round, a second of event time apart (one: at the round's start)
     * @param streamingReadings StreamingThroughputBench's readings (a wave over 94 minutes, no forecast) instead of a
     *     daily curve with an hourly forecast over the next day
     */
    public record Fleet(String name, int clusters, double coresPerCluster, int runtimeMinutes, int deadlineMinutes,
            int readingsPerRound, boolean streamingReadings, int rounds) {
        /** 20 clusters with room for twice the fleet, 10-hour workloads, one reading with a forecast per round. */
        public static final Fleet ROUNDS = new Fleet("rounds", 20, 0, 600, 1440, 1, false, 3);
        /** StreamingThroughputBench's fleet and readings: 50 clusters of 256 cores, 24 h workloads, 300 readings per zone and round. */
        public static final Fleet STREAMING = new Fleet("streaming", 50, BenchInput.CLUSTER_CORES, 1440, 2880, 300, true, 8);
    }

    /**
     * One run's figures: milliseconds per round, and placements published in the first round and at most in a steady one.
     *
     * @param roundMs every round's time, the first included
     */
    public record Figures(int workloads, int clusters, int slots, long firstRoundMs, long steadyRoundMs, int firstPlacements,
            int steadyPlacements, List<Long> roundMs) {}

    private RoundBenchmark() {}

    /** Arguments: fleet sizes, and {@code --fleet=streaming} for StreamingThroughputBench's fleet (8 rounds, each printed). */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        Fleet fleet = Fleet.ROUNDS;
        for (String arg : args.length == 0 ? new String[] {"10000"} : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (word.equals("--fleet=streaming")) {
                    fleet = Fleet.STREAMING;
                } else if (!word.isEmpty()) {
                    sizes.add(Integer.parseInt(word));
                }
            }
        }
        run(2_000, fleet); // warm-up, not reported
        for (int workloads : sizes) {
            Figures f = run(workloads, fleet);
            System.out.printf(Locale.ROOT, "round of %,d workloads x %d clusters x %d slots on RocksDB: first %,d ms, steady %,d ms "
                    + "(placements published: %,d in the first round, at most %,d in a steady one)%n", f.workloads(), f.clusters(),
                    f.slots(), f.firstRoundMs(), f.steadyRoundMs(), f.firstPlacements(), f.steadyPlacements());
            if (fleet != Fleet.ROUNDS) {
                System.out.printf(Locale.ROOT, "%s fleet, each round: %s ms%n", fleet.name(), f.roundMs());
            }
        }
    }

    public static Figures run(int workloads) throws Exception {
        return run(workloads, Fleet.ROUNDS);
    }

    public static Figures run(int workloads, Fleet fleet) throws Exception {
        CaspianConfig config = new ConfigLoader().load(null, Map.of());
        long interval = config.scheduler().interval().toMillis();
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(config)),
                (SchedulerInput input) -> "default", Types.STRING)) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            // the round's records serialized once each, as the job's network output does (not the harness's copies)
            SerializingOutput<Placement> output = new SerializingOutput<>(
                    TypeInformation.of(Placement.class).createSerializer(new SerializerConfigImpl()));
            harness.setOutputCreator(serializer -> output);
            harness.open();
            int clusters = fleet.clusters();
            double coresPerCluster = fleet.coresPerCluster() > 0 ? fleet.coresPerCluster() : Math.ceil(workloads * 2.0 / clusters);
            for (int c = 0; c < clusters; c++) {
                Resources total = new Resources(coresPerCluster, coresPerCluster * 8, 0);
                feed(harness, SchedulerInput.of(new Cluster(name(c), zone(c), total, total, null, ClusterStatus.READY, T0 - MINUTE)));
            }
            WorkloadSpec spec = new WorkloadSpec(1, 2, 0, 1, fleet.runtimeMinutes(), fleet.deadlineMinutes(), List.of(), "busybox",
                    List.of("true"), null);
            for (int w = 0; w < workloads; w++) {
                feed(harness, SchedulerInput.of(new WorkloadEvent(String.format(Locale.ROOT, "wl-%06d", w), WorkloadAction.SUBMITTED,
                        T0 + MINUTE, spec, null)));
            }
            int rounds = fleet.rounds();
            long[] roundMs = new long[rounds];
            int[] published = new int[rounds];
            for (int round = 0; round < rounds; round++) {
                long at = T0 + round * interval;
                for (int step = 0; step < fleet.readingsPerRound(); step++) {
                    for (int c = 0; c < clusters; c++) {
                        long time = at + step * BenchInput.STEP_MILLIS;
                        feed(harness, SchedulerInput.of(fleet.streamingReadings()
                                ? new CarbonReading(zone(c), BenchInput.intensity(c, (time - T0) / BenchInput.STEP_MILLIS), time, "bench",
                                        false, CarbonReading.AVERAGE, List.of())
                                : reading(c, time)));
                    }
                }
                long started = System.nanoTime();
                harness.processWatermark(new Watermark(at + interval));
                roundMs[round] = (System.nanoTime() - started) / 1_000_000;
                RoundSummary summary = output.last(OutputTags.ROUND_SUMMARIES);
                if (summary.roundMillis() != at + interval || summary.pending() + summary.running() != workloads) {
                    throw new IllegalStateException("round " + round + " summarised " + (summary.pending() + summary.running())
                            + " of " + workloads + " workloads at " + summary.roundMillis());
                }
                published[round] = summary.placements();
            }
            long steadyMs = 0;
            int steadyPublished = 0;
            List<Long> each = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                each.add(roundMs[round]);
                if (round > 0) {
                    steadyMs = Math.max(steadyMs, roundMs[round]);
                    steadyPublished = Math.max(steadyPublished, published[round]);
                }
            }
            return new Figures(workloads, clusters, config.scheduler().horizonSlots(), roundMs[0], steadyMs, published[0],
                    steadyPublished, each);
        }
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> harness, SchedulerInput input)
            throws Exception {
        harness.processElement(new StreamRecord<>(input, input.timestampMillis()));
    }

    /** A reading with an hourly forecast over the next day, each zone on its own daily curve. */
    private static CarbonReading reading(int c, long at) {
        List<ForecastPoint> forecast = new ArrayList<>();
        for (int h = 1; h <= 26; h++) {
            forecast.add(new ForecastPoint(at + h * 60 * MINUTE, intensity(c, at + h * 60 * MINUTE)));
        }
        return new CarbonReading(zone(c), intensity(c, at), at, "bench", false, CarbonReading.AVERAGE, forecast);
    }

    private static double intensity(int c, long at) {
        double hour = (at / (60 * MINUTE)) % 24;
        return 300 + 10 * c + 150 * Math.sin((hour + c) / 24.0 * 2 * Math.PI);
    }

    private static String name(int c) {
        return String.format(Locale.ROOT, "cluster-%02d", c);
    }

    private static String zone(int c) {
        return String.format(Locale.ROOT, "Z%02d", c);
    }
}
