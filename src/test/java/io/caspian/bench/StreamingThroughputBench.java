package io.caspian.bench;

import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.kafka.KafkaTestBroker;
import io.caspian.kafka.StreamingRuns;
import io.caspian.sources.KafkaInputs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Kafka → job → Kafka with RocksDB, incremental exactly-once checkpoints and parallelism 2, on a real
 * broker in this JVM. Two measurements:
 * <ol>
 *   <li>throughput: the input is produced first, then the job drains it (sources bounded at the
 *       latest offsets); input events over the wall time from submission to the last commit. The run
 *       ends with its input: workloads are not taken as finished after their runtime (none reaches it
 *       within the input), so the bounded job does not go on to play the fleet's remaining event time;</li>
 *   <li>latency: the job runs unbounded while readings are produced at a fixed rate; for each round,
 *       the time from sending the reading that moves event time past the round's end to the moment a
 *       read_committed consumer sees the round's summary (every round writes one);</li>
 *   <li>pass-through: the same carbon input drained by a job that only copies each record from one
 *       topic to another, exactly-once, with the same checkpoints and parallelism: what Kafka and
 *       Flink cost on this machine, against which the job's own throughput is read.</li>
 * </ol>
 * The command and the figures measured here are in docs/streaming.md; {@code BenchmarkSmokeTest}
 * runs it at a tiny size so that it keeps working.
 */
public final class StreamingThroughputBench {

    /**
     * What one run measured; a figure of a phase that did not run (or measured no round) is null.
     *
     * @param latencyRounds rounds whose latency was measured
     */
    public record Figures(Double eventsPerSecond, Integer latencyRounds, Double p50Millis, Double p99Millis,
            Double passThroughEventsPerSecond) {}

    public static void main(String[] args) throws Exception {
        run(options(args), System.out);
        System.exit(0); // the broker's and Flink's non-daemon threads would keep a plain main alive
    }

    public static Figures run(Map<String, String> opts, PrintStream out) throws Exception {
        int zones = Integer.parseInt(opts.getOrDefault("zones", "50"));
        int workloads = Integer.parseInt(opts.getOrDefault("workloads", "10000"));
        long events = Long.parseLong(opts.getOrDefault("events", "600000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "10000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "30"));
        Duration checkpoints = Duration.parse(opts.getOrDefault("checkpoint-interval", "PT1S"));
        BenchInput input = new BenchInput(zones, workloads);

        out.printf(Locale.ROOT, "CASPIAN streaming benchmark: %d workloads, %d zones, parallelism 2, RocksDB, "
                + "exactly-once checkpoints every %d ms, %d cores%n", workloads, zones, checkpoints.toMillis(),
                Runtime.getRuntime().availableProcessors());
        Run job = null;
        Run passThrough = null;
        List<Double> latencies = List.of();
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            String phase = opts.getOrDefault("phase", "all");
            if (phase.equals("all") || phase.equals("both") || phase.equals("throughput")) {
                job = throughput(out, broker, input, events, checkpoints);
            }
            if (phase.equals("all")) {
                passThrough = passThrough(out, broker, config(broker, "throughput", Map.of()).topics().carbonIntensity(), checkpoints);
            }
            if (job != null && passThrough != null) {
                out.printf(Locale.ROOT, "the job drained %.0f %% of the pass-through's rate on the same broker; "
                        + "an event cost the pass-through %.0f %% of the CPU time it cost the job%n",
                        100 * job.eventsPerSecond() / passThrough.eventsPerSecond(),
                        100 * passThrough.cpuMicrosPerEvent() / job.cpuMicrosPerEvent());
            }
            if (phase.equals("all") || phase.equals("both") || phase.equals("latency")) {
                latencies = latency(out, broker, input, rate, rounds, checkpoints);
            }
        }
        return new Figures(job == null ? null : job.eventsPerSecond(), latencies.size(),
                latencies.isEmpty() ? null : percentile(latencies, 0.50), latencies.isEmpty() ? null : percentile(latencies, 0.99),
                passThrough == null ? null : passThrough.eventsPerSecond());
    }

    /** A drained run: its rate, and the CPU time each event cost. */
    record Run(double eventsPerSecond, double cpuMicrosPerEvent) {}

    /**
     * The carbon readings the throughput run drained, copied record by record to another topic by a job
     * that does nothing else.
     */
    static Run passThrough(PrintStream out, KafkaTestBroker broker, String from, Duration interval) throws Exception {
        CaspianConfig config = config(broker, "passthrough", Map.of());
        String to = "passthrough.out";
        broker.create(List.of(new NewTopic(to, TopicSetup.OUTPUT_PARTITIONS, (short) 1)));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                flink(Files.createTempDirectory("caspian-bench-pass"), interval));
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(broker.bootstrapServers())
                .setTopics(from)
                .setGroupId("passthrough")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
        KafkaSink<String> sink = KafkaSink.<String>builder()
                .setBootstrapServers(broker.bootstrapServers())
                .setKafkaProducerConfig(KafkaClientProperties.forTransactionalProducer(config.kafka()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("passthrough")
                .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(to)
                        .setValueSerializationSchema(new SimpleStringSchema()).build())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka " + from).map(new Counted()).name("count")
                .sinkTo(sink).name("kafka " + to);
        CpuUse cpu = CpuUse.start();
        long events = env.execute(PASS_THROUGH_JOB).<Long>getAccumulatorResult(COPIED);
        CpuUse.Figures used = cpu.stop();
        out.printf(Locale.ROOT, "pass-through: %d events in %.1f s = %.0f events/s%n", events, used.wallSeconds(),
                events / used.wallSeconds());
        out.println(used.line(events));
        TaskLoad.print(out, PASS_THROUGH_JOB, TASKS_SHOWN);
        return new Run(events / used.wallSeconds(), used.microsPer(events));
    }

    static Run throughput(PrintStream out, KafkaTestBroker broker, BenchInput input, long events, Duration interval)
            throws Exception {
        // No workload reaches its runtime within the input (24 h runs, input of minutes to hours), so taking
        // them as finished after it changes none of the input's rounds. It only stops the bounded run at the end
        // of its input: with it on, the run would go on to play the fleet's remaining 24 h of event time, round
        // after round with no input, all inside the final watermark (no checkpoint, so no commit, until the end).
        CaspianConfig config = config(broker, "throughput", Map.of("scheduler.complete-after-runtime", "false"));
        createTopics(broker, config);
        long carbonEvents = events - input.workloads - input.zones;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            input.produceFleet(producer, config.topics().clusters(), config.topics().workloads());
            for (long i = 0; i < carbonEvents; i++) {
                int z = (int) (i % input.zones);
                BenchInput.send(producer, config.topics().carbonIntensity(), BenchInput.zone(z), input.reading(z, i / input.zones));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        long rounds = (carbonEvents / input.zones) * BenchInput.STEP_MILLIS / config.scheduler().interval().toMillis();
        out.printf(Locale.ROOT, "input: %d events (%d carbon readings, %d workloads, %d clusters) covering %d rounds, produced in %.1f s%n",
                events, carbonEvents, input.workloads, input.zones, rounds, produceSeconds);

        Path dir = Files.createTempDirectory("caspian-bench-cp");
        CpuUse cpu = CpuUse.start();
        StreamingRuns.runToEnd(config, flink(dir, interval), UnaryOperator.identity());
        CpuUse.Figures used = cpu.stop();
        out.printf(Locale.ROOT, "throughput: %d input events in %.1f s = %.0f events/s (%d workloads planned every round)%n",
                events, used.wallSeconds(), events / used.wallSeconds(), input.workloads);
        out.println(used.line(events));
        TaskLoad.print(out, StreamingJob.JOB_NAME, TASKS_SHOWN);
        return new Run(events / used.wallSeconds(), used.microsPer(events));
    }

    static List<Double> latency(PrintStream out, KafkaTestBroker broker, BenchInput input, int rate, int rounds,
            Duration interval) throws Exception {
        // the cluster and workload topics fall quiet after their first records: they must not hold event time back
        CaspianConfig config = config(broker, "latency", Map.of("watermarks.idleness", "2 s"));
        createTopics(broker, config);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            input.produceFleet(producer, config.topics().clusters(), config.topics().workloads());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink(Files.createTempDirectory("caspian-bench-lat"), interval));
        StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
        JobClient job = env.executeAsync(StreamingJob.JOB_NAME);
        RoundWatcher watcher = new RoundWatcher(broker.bootstrapServers(), config.topics().roundSummaries());
        watcher.start();

        long roundMillis = config.scheduler().interval().toMillis();
        long stepsPerRound = roundMillis / BenchInput.STEP_MILLIS;
        long lastStep = (rounds + 1) * stepsPerRound + config.watermarks().maxOutOfOrderness().toMillis() / BenchInput.STEP_MILLIS + 2;
        Map<Long, Long> sentNanosByStep = new HashMap<>();
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (long step = 0; step <= lastStep; step++) {
                sentNanosByStep.put(step, System.nanoTime());
                for (int z = 0; z < input.zones; z++) {
                    BenchInput.send(producer, config.topics().carbonIntensity(), BenchInput.zone(z), input.reading(z, step));
                    sent++;
                }
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long firstRound = BenchInput.T0.toEpochMilli();
        long lastRound = firstRound + rounds * roundMillis;
        watcher.awaitRound(lastRound, Duration.ofMinutes(3));
        StreamingRuns.cancelAndWait(job);
        watcher.stop();
        TaskLoad.print(out, StreamingJob.JOB_NAME, TASKS_SHOWN);

        List<Double> latencies = new ArrayList<>();
        StringBuilder perRound = new StringBuilder();
        long maxOutOfOrder = config.watermarks().maxOutOfOrderness().toMillis();
        for (long round = firstRound + 2 * roundMillis; round <= lastRound; round += roundMillis) {
            // the watermark passes the round once a reading later than round + out-of-orderness is read
            long triggerStep = (round + maxOutOfOrder - firstRound) / BenchInput.STEP_MILLIS + 1;
            Long seen = watcher.firstSeenNanos(round);
            Long trigger = sentNanosByStep.get(triggerStep);
            if (seen != null && trigger != null) {
                latencies.add((seen - trigger) / 1e6);
                perRound.append(String.format(Locale.ROOT, " %s %.1f s", Instant.ofEpochMilli(round).toString().substring(11, 16),
                        (seen - trigger) / 1e9));
            }
        }
        latencies.sort(Double::compare);
        out.printf(Locale.ROOT, "latency run: %d readings sent in %.1f s (%.0f/s offered), %d rounds measured%n", sent, sendSeconds,
                sent / sendSeconds, latencies.size());
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "carbon reading -> committed summary of the round it closes: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
            out.printf(Locale.ROOT, "each round (its end, UTC):%s%n", perRound);
        }
        return latencies;
    }

    static final String COPIED = "copied";
    static final String PASS_THROUGH_JOB = "caspian-bench-passthrough";
    /** How many of the busiest subtasks a run's load table lists. */
    static final int TASKS_SHOWN = 10;

    /** Counts the records it passes on, so that the run says how many it copied. */
    static final class Counted extends org.apache.flink.api.common.functions.RichMapFunction<String, String> {
        private final org.apache.flink.api.common.accumulators.LongCounter copied = new org.apache.flink.api.common.accumulators.LongCounter();

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            getRuntimeContext().addAccumulator(COPIED, copied);
        }

        @Override
        public String map(String value) {
            copied.add(1);
            return value;
        }
    }

    static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static CaspianConfig config(KafkaTestBroker broker, String prefix, Map<String, String> extra) {
        return StreamingRuns.config(broker.bootstrapServers(), prefix, extra);
    }

    /**
     * Every topic the job reads or writes, as {@code create-topics} makes them (the job subscribes to
     * events-in and alert-rules too, and fails at once when they are missing), except that carbon and
     * workloads are keyed over two partitions, one per source subtask; each keeps its zones in order.
     */
    static void createTopics(KafkaTestBroker broker, CaspianConfig config) throws Exception {
        List<String> keyed = List.of(config.topics().carbonIntensity(), config.topics().workloads());
        List<NewTopic> topics = new ArrayList<>();
        for (NewTopic topic : TopicSetup.topics(config.topics(), (short) 1)) {
            topics.add(keyed.contains(topic.name())
                    ? new NewTopic(topic.name(), 2, (short) 1).configs(topic.configs())
                    : topic);
        }
        broker.create(topics);
    }

    static Configuration flink(Path checkpoints, Duration interval) {
        Configuration conf = StreamingRuns.flink(checkpoints, 0);
        conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms");
        // A mini cluster's task manager gets Flink's floor of 64 MB of network memory; this job asks about
        // 88 MB at parallelism 2 (Flink warns), and its tasks then wait for buffers while a round's burst
        // of decisions drains. A task manager of the Kubernetes manifest's size (4 GB) gets about 340 MB.
        conf.setString("taskmanager.memory.network.min", "256 mb");
        conf.setString("taskmanager.memory.network.max", "256 mb");
        return TaskLoad.enable(conf);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                opts.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return opts;
    }
}
