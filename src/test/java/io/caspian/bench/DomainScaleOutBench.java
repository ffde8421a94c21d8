package io.caspian.bench;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.RawRecord;
import io.caspian.events.RoundSummary;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.LocalEnvironments;
import io.caspian.scheduling.DomainSpread;
import io.caspian.workflows.CaspianWorkflow;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Scale-out by scheduling domain: the same fleet and workloads planned as one domain at parallelism 1,
 * as two domains at parallelism 1, and as two domains at parallelism 2. The fleet is split in two
 * halves and every workload's affinity names the clusters of one half, so the three runs plan the same
 * problem; only its split and the subtasks differ. The figure is the round throughput inside the job:
 * workload-rounds planned between the first and the last round summary, over that time (start-up and
 * reading the input are not in it). Summaries reach the client in batches, so a run must last several
 * seconds for the figure to mean anything. The two domains' names are chosen to land on different subtasks,
 * as the job's start-up warning ({@link DomainSpread}) tells an operator to do.
 *
 * <pre>mvn -B -q -o test-compile exec:exec -Dcaspian.exec.scope=test -Dmain.class=io.caspian.bench.DomainScaleOutBench -Dcaspian.args="20000 12"</pre>
 */
public final class DomainScaleOutBench {

    static final Instant T0 = Instant.parse("2025-10-22T08:00:00Z");
    static final int ZONES = 20;
    static final int CLUSTER_CORES = 4096;

    /** One run: workload-rounds per second inside the job. */
    public record Run(String name, int domains, int parallelism, int rounds, long workloadRounds, double seconds) {
        double perSecond() {
            return workloadRounds / seconds;
        }
    }

    private DomainScaleOutBench() {}

    public static void main(String[] args) throws Exception {
        int workloads = args.length > 0 ? Integer.parseInt(args[0].trim()) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1].trim()) : 12;
        run(workloads, rounds, System.out);
        System.exit(0);
    }

    public static List<Run> run(int workloads, int rounds, PrintStream out) throws Exception {
        List<String> names = spreadNames();
        out.printf(Locale.ROOT, "scale-out by scheduling domain: %,d workloads, %d clusters, %d rounds, domains %s, %d cores%n",
                workloads, ZONES, rounds, names, Runtime.getRuntime().availableProcessors());
        once("warm-up", names, 2, Math.max(100, workloads / 10), rounds); // the JIT warm before the first measured run
        List<Run> runs = new ArrayList<>();
        runs.add(once("1 domain, parallelism 1", null, 1, workloads, rounds));
        runs.add(once("2 domains, parallelism 1", names, 1, workloads, rounds));
        runs.add(once("2 domains, parallelism 2", names, 2, workloads, rounds));
        for (Run r : runs) {
            out.printf(Locale.ROOT, "%-26s %,d workload-rounds in %.1f s = %,.0f per s%s%n", r.name(), r.workloadRounds(), r.seconds(),
                    r.perSecond(), r.seconds() < 1 ? " (too short to time: results reach the client in batches; use more workloads)" : "");
        }
        out.printf(Locale.ROOT, "2 domains at parallelism 2 against 1 domain at parallelism 1: %.2fx (of which the split alone, "
                + "at parallelism 1: %.2fx)%n", runs.get(2).perSecond() / runs.get(0).perSecond(),
                runs.get(1).perSecond() / runs.get(0).perSecond());
        return runs;
    }

    /** Two domain names that Flink's key hashing puts on different subtasks of two. */
    static List<String> spreadNames() {
        List<String> names = new ArrayList<>(List.of("half-a"));
        int first = DomainSpread.subtasks(names, 2, 128).get("half-a");
        for (int i = 0; names.size() < 2; i++) {
            String name = "half-b" + (i == 0 ? "" : "-" + i);
            if (DomainSpread.subtasks(List.of(name), 2, 128).get(name) != first) {
                names.add(name);
            }
        }
        return names;
    }

    static Run once(String name, List<String> domains, int parallelism, int workloads, int rounds) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (domains != null) {
            overrides.put("scheduler.domains." + domains.get(0), clusters(0, ZONES / 2));
            overrides.put("scheduler.domains." + domains.get(1), clusters(ZONES / 2, ZONES));
        }
        CaspianConfig config = new ConfigLoader().load(null, overrides);
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(LocalEnvironments.onLoopback(conf));
        env.setMaxParallelism(128);
        CaspianWorkflow.Sources sources = BoundedRun.sources(env, BoundedRun.source(env, readings(rounds, config), "carbon"),
                BoundedRun.source(env, workloads(workloads, rounds, config), "workloads"), BoundedRun.source(env, clusters(), "clusters"));
        List<Long> seenNanos = new ArrayList<>();
        List<RoundSummary> summaries = new ArrayList<>();
        BoundedRun.execute(env, CaspianWorkflow.build(config, sources), "scale-out-" + parallelism, output -> {
            if (output.roundSummary() != null && output.roundSummary().pending() + output.roundSummary().running() > 0) {
                seenNanos.add(System.nanoTime());
                summaries.add(output.roundSummary());
            }
        });
        // the first round (every workload new, after start-up) is the start line; the rounds after it are measured
        long firstRound = summaries.stream().mapToLong(RoundSummary::roundMillis).min().orElseThrow();
        long startNanos = 0;
        long workloadRounds = 0;
        for (int i = 0; i < summaries.size(); i++) {
            if (summaries.get(i).roundMillis() == firstRound) {
                startNanos = seenNanos.get(i);
            } else {
                workloadRounds += summaries.get(i).pending() + summaries.get(i).running();
            }
        }
        double seconds = (seenNanos.get(seenNanos.size() - 1) - startNanos) / 1e9;
        return new Run(name, domains == null ? 1 : 2, parallelism, rounds, workloadRounds, seconds);
    }

    private static String clusters(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int z = from; z < to; z++) {
            names.add(cluster(z));
        }
        return String.join(",", names);
    }

    private static String cluster(int z) {
        return String.format(Locale.ROOT, "cluster-Z%02d", z);
    }

    private static List<RawRecord> clusters() {
        List<RawRecord> records = new ArrayList<>();
        long at = T0.minusSeconds(120).toEpochMilli();
        for (int z = 0; z < ZONES; z++) {
            records.add(new RawRecord("clusters", 0, z, at, "{\"name\":\"" + cluster(z) + "\",\"geolocation\":\"" + zone(z)
                    + "\",\"timestamp\":\"" + Instant.ofEpochMilli(at) + "\",\"resources\":{\"total\":{\"cpu\":" + CLUSTER_CORES
                    + ",\"mem_gb\":" + CLUSTER_CORES * 8 + "}}}"));
        }
        return records;
    }

    /**
     * One-core workloads that run through every measured round (and end with the last), each free on the
     * clusters of one half of the fleet.
     */
    private static List<RawRecord> workloads(int workloads, int rounds, CaspianConfig config) {
        long runtime = (rounds + 1) * config.scheduler().interval().toMinutes();
        List<RawRecord> records = new ArrayList<>();
        for (int w = 0; w < workloads; w++) {
            String id = String.format(Locale.ROOT, "wl-%06d", w);
            long at = T0.minusSeconds(60).toEpochMilli() + w;
            String affinity = w % 2 == 0 ? clusters(0, ZONES / 2) : clusters(ZONES / 2, ZONES);
            records.add(new RawRecord("workloads", 0, w, at, "{\"job_id\":\"" + id + "\",\"timestamp\":\"" + Instant.ofEpochMilli(at)
                    + "\",\"cpu\":1,\"mem_gb\":2,\"data_gb\":1,\"runtime_minutes\":" + runtime + ",\"deadline_minutes\":" + 2 * runtime + ","
                    + "\"affinity_clusters\":[\"" + affinity.replace(",", "\",\"") + "\"]}"));
        }
        return records;
    }

    /** Every zone's reading once per round, on its own daily-ish wave. */
    private static List<RawRecord> readings(int rounds, CaspianConfig config) {
        List<RawRecord> records = new ArrayList<>();
        long interval = config.scheduler().interval().toMillis();
        for (int r = 0; r <= rounds + 1; r++) {
            long at = T0.toEpochMilli() + r * interval;
            for (int z = 0; z < ZONES; z++) {
                double intensity = 300 + 200 * Math.sin(r / 12.0 + z);
                records.add(new RawRecord("carbon", 0, records.size(), at, "{\"zone\":\"" + zone(z)
                        + "\",\"carbon_intensity_gco2_per_kwh\":" + Math.round(intensity * 10) / 10.0 + ",\"timestamp\":\""
                        + Instant.ofEpochMilli(at) + "\"}"));
            }
        }
        return records;
    }

    private static String zone(int z) {
        return String.format(Locale.ROOT, "Z%02d", z);
    }
}
