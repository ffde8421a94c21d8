package io.caspian.jobs;

import io.caspian.config.CaspianConfig;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.RawRecord;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.formats.CarbonFormat;
import io.caspian.formats.CarbonFormats;
import io.caspian.formats.NativeJsonFormat;
import io.caspian.formats.WideCsvFormat;
import io.caspian.validation.EventClock;
import io.caspian.validation.InputLimits;
import io.caspian.functions.PlacementRounds;
import io.caspian.replay.CarbonTrace;
import io.caspian.replay.OfflineOptimum;
import io.caspian.replay.ReplayOptions;
import io.caspian.replay.ReplayReport;
import io.caspian.replay.RunAccount;
import io.caspian.replay.WorkloadGenerator;
import io.caspian.scheduling.RoundPlanner;
import io.caspian.sinks.JsonLinesFiles;
import io.caspian.sinks.OutputLine;
import io.caspian.workflows.CaspianWorkflow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The back-test: a recorded carbon trace and a workload trace (or generated workloads) replayed,
 * bounded, through the same {@link CaspianWorkflow} operators in a local MiniCluster, twice: once as
 * the carbon-aware policy sees the future (persistence, or a noisy forecast) and once with perfect
 * foresight. Both runs and the baseline are accounted against the trace; the report is written as
 * JSON and Markdown beside each run's placements, audit events and dead letters.
 */
public final class ReplayJob {

    static final String CARBON_SOURCE = "replay-carbon";
    static final String WORKLOAD_SOURCE = "replay-workloads";
    static final String CLUSTER_SOURCE = "replay-clusters";
    /** The folder, under the output folder, of the carbon-aware run's event files. */
    public static final String AWARE_RUN = "carbon-aware";
    static final String FORESIGHT_RUN = "perfect-foresight";

    private ReplayJob() {}

    public static ReplayReport run(CaspianConfig config, ReplayOptions options, PrintStream console) throws Exception {
        long started = System.nanoTime();
        CarbonTrace trace = new CarbonTrace(readTrace(options));
        for (String zone : options.zones()) {
            if (!trace.zones().contains(zone)) {
                throw new IllegalArgumentException("the carbon trace has no readings for zone " + zone + " (it has "
                        + trace.zones() + ")");
            }
        }
        long start = Long.MIN_VALUE;
        long end = Long.MAX_VALUE;
        for (String zone : options.zones()) {
            start = Math.max(start, trace.startMillis(zone));
            end = Math.min(end, trace.endMillis(zone));
        }
        long interval = config.scheduler().interval().toMillis();
        Map<String, String> clusterZones = new TreeMap<>();
        List<RawRecord> clusters = new ArrayList<>();
        for (String zone : options.zones()) {
            String name = ReplayOptions.clusterOf(zone);
            clusterZones.put(name, zone);
            Resources capacity = new Resources(options.clusterCpu(), options.clusterCpu() * 4, 0);
            clusters.add(new RawRecord(CLUSTER_SOURCE, 0, clusters.size(), start,
                    ClusterJson.write(new Cluster(name, zone, capacity, capacity, "replay", ClusterStatus.READY, start))));
        }
        // the first round that can plan is one interval after the trace starts: it needs a reading
        List<RawRecord> workloads = workloads(options, start + interval, end);
        // nothing in a back-test may run ahead of its trace: a later record is refused at the door
        InputLimits limits = new InputLimits(config.limits(), EventClock.fixedAt(end));
        Map<String, WorkloadEvent> submitted = validSubmissions(workloads, limits);

        Map<String, String> homeZone = new TreeMap<>();
        Map<String, Double> baseline = new TreeMap<>();
        for (WorkloadEvent w : submitted.values()) {
            String home = home(w, clusterZones, config);
            if (home == null) {
                continue;
            }
            long from = PlacementRounds.roundFor(w.timestampMillis(), interval);
            long to = from + w.spec().runtimeMinutes() * 60_000L;
            double watts = RoundPlanner.energyModel(config).powerWatts(w.spec().cpu(), w.spec().memGb(), w.spec().gpu());
            homeZone.put(w.jobId(), clusterZones.get(home));
            baseline.put(w.jobId(), trace.grams(clusterZones.get(home), watts, from, to));
        }

        long lookahead = config.scheduler().horizon().toMillis() * (config.scheduler().anticipateArrivals() ? 2 : 1) + interval
                + longestRuntimeMillis(submitted); // anticipating arrivals, the plan reaches up to a horizon further
        Map<String, RunAccount.Outcome> aware = run(config.withLearnedForecast(learns(options.forecast(), config)),
                options, AWARE_RUN,
                trace.readingsWith(options.forecast(), lookahead, options.forecastNoise(), options.seed()), workloads,
                clusters, clusterZones, trace, limits, console);
        Map<String, RunAccount.Outcome> foresight = run(config.withLearnedForecast(false), options, FORESIGHT_RUN,
                trace.readingsWith(CarbonTrace.Forecast.PERFECT, lookahead, 0, options.seed()), workloads, clusters,
                clusterZones, trace, limits, console);

        OfflineOptimum.Result optimum = offlineOptimum(config, options, submitted, homeZone, clusterZones, trace);
        console.printf("offline optimum: %s, %.1f gCO2 (%d options, %d workloads not placed) in %.1f s%n",
                optimum.kind().name().toLowerCase(java.util.Locale.ROOT), optimum.totalG(), optimum.options(), optimum.unplaced(),
                optimum.seconds());

        ReplayReport report = ReplayReport.of(settings(config, options, start, end, submitted.size()), conventions(),
                homeZone, baseline, aware, foresight, optimum);
        Files.createDirectories(options.outputDir());
        Files.writeString(options.outputDir().resolve("report.json"), report.json(), StandardCharsets.UTF_8);
        Files.writeString(options.outputDir().resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
        console.print(report.markdown());
        console.printf("back-test took %.1f s; report: %s/report.{json,md}%n", (System.nanoTime() - started) / 1e9,
                options.outputDir().toAbsolutePath());
        return report;
    }

    /** Options a CP-SAT model of the offline optimum may have; a larger instance gets a proven lower bound. */
    static final int OPTIMUM_MAX_OPTIONS = 300_000;
    static final double OPTIMUM_TIME_LIMIT_SECONDS = 120;

    /** Every accepted workload with a home zone, planned offline on the rounds' grid with the whole trace known. */
    private static OfflineOptimum.Result offlineOptimum(CaspianConfig config, ReplayOptions options, Map<String, WorkloadEvent> submitted,
            Map<String, String> homeZone, Map<String, String> clusterZones, CarbonTrace trace) {
        long interval = config.scheduler().interval().toMillis();
        List<OfflineOptimum.Site> sites = new ArrayList<>();
        clusterZones.forEach((name, zone) -> sites.add(new OfflineOptimum.Site(name, zone, options.clusterCpu(), options.clusterCpu() * 4)));
        io.caspian.optimizer.EnergyModel energy = RoundPlanner.energyModel(config);
        List<OfflineOptimum.Task> tasks = new ArrayList<>();
        for (WorkloadEvent w : submitted.values()) {
            if (!homeZone.containsKey(w.jobId())) {
                continue;
            }
            List<String> allowed = clusterZones.keySet().stream().filter(w.spec()::allows).toList();
            tasks.add(new OfflineOptimum.Task(w.jobId(), PlacementRounds.roundFor(w.timestampMillis(), interval),
                    w.timestampMillis() + w.spec().deadlineMinutes() * 60_000L, w.spec().runtimeMinutes() * 60_000L, w.spec().cpu(),
                    w.spec().memGb(), energy.powerWatts(w.spec().cpu(), w.spec().memGb(), w.spec().gpu()),
                    allowed));
        }
        return OfflineOptimum.solve(tasks, sites, trace, interval, OPTIMUM_MAX_OPTIONS, OPTIMUM_TIME_LIMIT_SECONDS);
    }

    static List<CarbonReading> readTrace(ReplayOptions options) throws IOException, InvalidRecordException {
        CarbonFormat format = options.carbonFormat().equals(WideCsvFormat.NAME)
                ? new WideCsvFormat(new HashSet<>(options.zones())) // a one-zone replay need not hold 123 zones
                : CarbonFormats.byName(options.carbonFormat());
        List<CarbonReading> readings = new ArrayList<>();
        Long from = options.from() == null ? null : FieldReader.parseTime(options.from());
        Long to = options.to() == null ? null : FieldReader.parseTime(options.to());
        for (CarbonReading r : parseAll(format, options.carbonFile())) {
            if (options.zones().contains(r.zone()) && (from == null || r.timestampMillis() >= from)
                    && (to == null || r.timestampMillis() < to)) {
                readings.add(r);
            }
        }
        return readings;
    }

    /** The native format holds one reading per payload, so its files are JSON lines. */
    private static List<CarbonReading> parseAll(CarbonFormat format, Path file) throws IOException, InvalidRecordException {
        if (!format.name().equals(NativeJsonFormat.NAME)) {
            return format.parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        List<CarbonReading> readings = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                readings.addAll(format.parse(line));
            }
        }
        return readings;
    }

    private static List<RawRecord> workloads(ReplayOptions options, long firstArrival, long end) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        if (options.workloadsFile() != null) {
            for (String line : Files.readAllLines(options.workloadsFile(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    // a bad line goes through the job's parser to the dead letters like any bad record
                    records.add(new RawRecord(WORKLOAD_SOURCE, 0, records.size(), 0, line));
                }
            }
            return records;
        }
        List<WorkloadEvent> events = options.hourly()
                ? WorkloadGenerator.hourly(options.zones(), firstArrival, end, options)
                : WorkloadGenerator.poisson(options.zones(), firstArrival, end, options);
        for (WorkloadEvent event : events) {
            records.add(new RawRecord(WORKLOAD_SOURCE, 0, records.size(), event.timestampMillis(), WorkloadEventJson.write(event)));
        }
        return records;
    }

    /** The submissions the job will accept: the same door, so that a refused one shapes no baseline or lookahead. */
    private static Map<String, WorkloadEvent> validSubmissions(List<RawRecord> workloads, InputLimits limits) {
        Map<String, WorkloadEvent> submitted = new LinkedHashMap<>();
        for (RawRecord record : workloads) {
            try {
                limits.checkReceived(record);
                WorkloadEvent event = WorkloadEventJson.parse(record.payload());
                limits.check(event);
                if (event.action() == WorkloadAction.SUBMITTED) {
                    submitted.putIfAbsent(event.jobId(), event);
                }
            } catch (InvalidRecordException e) {
                // counted by the run's dead letters
            }
        }
        return submitted;
    }

    /** The baseline's cluster, chosen as the placement rounds choose it. */
    private static String home(WorkloadEvent w, Map<String, String> clusterZones, CaspianConfig config) {
        String home = w.spec().homeCluster();
        if (home == null && !w.spec().affinityClusters().isEmpty()) {
            home = w.spec().affinityClusters().get(0);
        }
        if (home == null) {
            String configured = config.baselineHomeCluster();
            home = configured != null && clusterZones.containsKey(configured) ? configured : clusterZones.keySet().iterator().next();
        }
        return clusterZones.containsKey(home) ? home : null;
    }

    private static long longestRuntimeMillis(Map<String, WorkloadEvent> submitted) {
        long longest = 0;
        for (WorkloadEvent w : submitted.values()) {
            longest = Math.max(longest, w.spec().runtimeMinutes() * 60_000L);
        }
        return longest;
    }

    private static Map<String, RunAccount.Outcome> run(CaspianConfig config, ReplayOptions options, String name,
            List<CarbonReading> readings, List<RawRecord> workloads, List<RawRecord> clusters,
            Map<String, String> clusterZones, CarbonTrace trace, InputLimits limits, PrintStream console) throws Exception {
        long started = System.nanoTime();
        List<RawRecord> carbon = new ArrayList<>(readings.size());
        for (CarbonReading r : readings) {
            carbon.add(new RawRecord(CARBON_SOURCE, 0, carbon.size(), r.timestampMillis(), CarbonReadingJson.write(r)));
        }
        StreamExecutionEnvironment env = LocalEnvironments.bounded();
        CaspianWorkflow.Sources sources = BoundedRun.sources(env, BoundedRun.source(env, carbon, CARBON_SOURCE),
                BoundedRun.source(env, workloads, WORKLOAD_SOURCE), BoundedRun.source(env, clusters, CLUSTER_SOURCE));
        CaspianWorkflow.Outputs outputs = CaspianWorkflow.build(config, sources.withClock(limits.clock()));
        CollectedOutputs collected;
        if (options.writeEvents()) {
            Path folder = options.outputDir().resolve(name);
            try (JsonLinesFiles files = new JsonLinesFiles(folder, OutputLine.PLACEMENTS, OutputLine.AUDIT_EVENTS,
                    OutputLine.DEAD_LETTER, OutputLine.ROUND_SUMMARIES, OutputLine.CARBON_INPUT)) {
                for (RawRecord reading : carbon) { // what the run was fed, forecasts included, for the notebooks
                    files.write(new OutputLine(OutputLine.CARBON_INPUT, reading.payload()));
                }
                collected = BoundedRun.execute(env, outputs, "caspian-replay-" + name, output -> files.write(DemoJob.line(output)));
            }
        } else {
            collected = BoundedRun.execute(env, outputs, "caspian-replay-" + name, output -> { });
        }
        console.printf("%s run: %d placements, %d dead letters in %.1f s%n", name, collected.placements.size(),
                collected.deadLetters.size(), (System.nanoTime() - started) / 1e9);
        return RunAccount.outcomes(collected.placements, clusterZones, trace);
    }

    private static Map<String, Object> settings(CaspianConfig config, ReplayOptions o, long start, long end, int workloads) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("carbon_file", o.carbonFile());
        s.put("carbon_format", o.carbonFormat());
        s.put("zones", String.join(",", o.zones()));
        s.put("replayed_from", java.time.Instant.ofEpochMilli(start));
        s.put("replayed_to", java.time.Instant.ofEpochMilli(end));
        s.put("workloads", o.workloadsFile() != null ? o.workloadsFile()
                : (o.hourly() ? "one every hour" : "Poisson, " + o.arrivalsPerHour() + "/h, seed " + o.seed())
                        + ", " + o.runtimeMinutes() + " min, deadline " + o.deadlineHours() + " h");
        s.put("workloads_submitted", workloads);
        s.put("carbon_aware_forecast", o.forecast().name().toLowerCase() + (o.forecast() == CarbonTrace.Forecast.NOISY
                ? " (sigma " + o.forecastNoise() + " at 24 h lead)" : ""));
        s.put("scheduler_interval", config.scheduler().interval());
        s.put("scheduler_slot", config.scheduler().slot());
        s.put("scheduler_horizon", config.scheduler().horizon());
        s.put("solver", config.scheduler().solver().name().toLowerCase());
        s.put("migration_lambda_gco2", config.migration().lambdaGco2());
        return s;
    }

    /**
     * Whether the policy run learns forecasts: for {@code learned}; for {@code noisy} unless switched off
     * ({@code carbon.learned-forecast=false}), to compare with the feed's; never for {@code persistence},
     * which means no forecast at all, nor for {@code perfect}, which nothing learnt can beat.
     */
    static boolean learns(CarbonTrace.Forecast forecast, CaspianConfig config) {
        return forecast == CarbonTrace.Forecast.LEARNED
                || forecast == CarbonTrace.Forecast.NOISY && config.carbon().learnedForecast();
    }

    private static List<String> conventions() {
        return List.of(
                "Every run is accounted against the recorded trace, a reading holding until the next one; "
                        + "time outside the trace is reported as unaccounted, never as zero carbon.",
                "Baseline: each workload starts at the first scheduling round after its submission, on its home "
                        + "cluster, and runs its whole runtime there.",
                "A round at time B plans what was submitted in [B - interval, B): generated workloads are submitted "
                        + "one minute before their arrival hour, with one minute more of deadline, so the first round "
                        + "that plans them is their arrival hour with the whole deadline window open.",
                "The first round that can plan is one interval after the trace starts (it needs a reading).",
                "Perfect foresight: each reading carries the trace's own later values as forecast points; "
                        + "persistence: no forecast points (the last value is carried over the horizon); learned: no "
                        + "forecast points, and the job learns one from each zone's own last week; noisy: the trace's later "
                        + "values with seeded noise growing with lead, which the job combines with the forecast it learns, "
                        + "at each lead by how accurate each has been for the zone (the noisy forecast alone when "
                        + "carbon.learned-forecast is false).",
                "Saving = 1 - carbon of the run / carbon of the baseline, over the same workloads, counted in their "
                        + "home zone; a run's carbon includes its migration costs.",
                "Offline optimum: every arrival and the whole trace known in advance; each workload started once (never "
                        + "moved) at a round of the same grid, within its window, on a cluster it may use, without exceeding "
                        + "any cluster's cores or memory; solved exactly (each workload's own best when capacity does not "
                        + "bind, else CP-SAT), or, above " + OPTIMUM_MAX_OPTIONS + " options, given as a proven lower "
                        + "bound with capacity ignored. Share of the optimum = the policy's saving / the optimum's saving.");
    }
}
