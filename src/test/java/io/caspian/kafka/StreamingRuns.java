package io.caspian.kafka;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.RawRecord;
import io.caspian.jobs.StreamingJob;
import io.caspian.sources.KafkaInputs;
import io.caspian.workflows.CaspianWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the streaming job on an embedded MiniCluster against a test broker, with the sources stopping
 * at the offsets that were the latest at start, so that a run ends once it has consumed the input.
 * RocksDB with incremental checkpoints, as in flink-conf/config.yaml, with a short interval.
 */
public final class StreamingRuns {

    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    private StreamingRuns() {}

    /** The job's configuration with every topic, group and transactional id under {@code prefix}. */
    public static CaspianConfig config(String bootstrapServers, String prefix) {
        return config(bootstrapServers, prefix, Map.of());
    }

    /** The same, with further {@code section.key} overrides. */
    public static CaspianConfig config(String bootstrapServers, String prefix, Map<String, String> extra) {
        return config(bootstrapServers, prefix, extra, System::getenv);
    }

    /** The same, with {@code ${ENV}} references and the deployment name looked up in {@code environment}. */
    public static CaspianConfig config(String bootstrapServers, String prefix, Map<String, String> extra,
            java.util.function.Function<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String topic : List.of("carbon-intensity", "workloads", "clusters", "events-in", "alert-rules", "policies", "placements",
                "audit-events", "analytics", "alerts", "dead-letter", "round-summaries",
                "dispatch-outcomes")) {
            overrides.put("topics." + topic, prefix + "." + topic);
        }
        overrides.put("kafka.bootstrap-servers", bootstrapServers);
        overrides.put("kafka.group-id", prefix);
        overrides.put("kafka.transactional-id-prefix", prefix);
        // the greedy optimizer: the tests are about transport and recovery, not about the solver
        overrides.put("scheduler.solver", "greedy");
        overrides.putAll(extra);
        return new ConfigLoader(environment).load(null, overrides);
    }

    /**
     * Cancels the job and waits until it has stopped: the cancel call returns once the request is
     * accepted, while tasks may still write a checkpoint into a folder the test is about to delete.
     */
    public static void cancelAndWait(org.apache.flink.core.execution.JobClient job) throws Exception {
        job.cancel().get();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | IllegalStateException gone) {
                return; // the cluster no longer knows the job, or a per-job cluster shut down with it: it has ended
            }
            Thread.sleep(100);
        }
    }

    public static List<String> inputTopics(CaspianConfig config) {
        return List.of(config.topics().carbonIntensity(), config.topics().workloads(), config.topics().clusters(),
                config.topics().eventsIn(), config.topics().alertRules(), config.topics().policies());
    }

    public static List<String> outputTopics(CaspianConfig config) {
        return config.topics().outputs();
    }

    /**
     * @param restartAttempts 0 for no restart at all (a failure fails the run)
     */
    public static Configuration flink(Path checkpoints, int restartAttempts) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.setString("execution.checkpointing.interval", CHECKPOINT_INTERVAL.toMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        if (restartAttempts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.setString("restart-strategy.fixed-delay.attempts", Integer.toString(restartAttempts));
            conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        }
        return conf;
    }

    /**
     * Puts {@code step} between the carbon source and the workflow, as operator {@code uid}: a pacing
     * or an injected failure; the other sources pass unchanged.
     */
    public static UnaryOperator<CaspianWorkflow.Sources> onCarbon(MapFunction<RawRecord, RawRecord> step, String uid) {
        return sources -> {
            DataStream<RawRecord> carbon = sources.carbon().map(step, TypeInformation.of(RawRecord.class)).name(uid).uid(uid);
            return new CaspianWorkflow.Sources(carbon, sources.workloads(), sources.clusters(), sources.eventsIn(),
                    sources.alertRules());
        };
    }

    public static JobExecutionResult runToEnd(CaspianConfig config, Configuration flink, UnaryOperator<CaspianWorkflow.Sources> around)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        StreamingJob.build(env, config, KafkaInputs.Boundedness.UP_TO_LATEST, around);
        return env.execute(StreamingJob.JOB_NAME);
    }
}
