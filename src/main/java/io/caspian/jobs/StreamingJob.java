package io.caspian.jobs;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.config.KafkaClientProperties;
import io.caspian.dispatch.ClusterClients;
import io.caspian.sinks.KafkaOutputs;
import io.caspian.sinks.elasticsearch.ElasticsearchSinks;
import io.caspian.sources.KafkaInputs;
import io.caspian.workflows.CaspianWorkflow;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming mode ({@code run}): Kafka topics in, exactly-once Kafka topics out. The cluster's own
 * settings (state backend, checkpoints, restart strategy) come from Flink's configuration, which
 * {@code flink run} or the Kubernetes operator supplies; a plain {@code java} start (the local stack)
 * names the folder in {@value #FLINK_CONF_ENV}.
 */
public final class StreamingJob {

    public static final String JOB_NAME = "caspian-streaming";
    /** Folder of a {@code config.yaml} for a job started outside a Flink cluster. */
    public static final String FLINK_CONF_ENV = "CASPIAN_FLINK_CONF_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);

    private StreamingJob() {}

    public static void run(CaspianConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(System.getenv(FLINK_CONF_ENV));
        build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
        LOG.info("streaming from {}, {}, {} to {}, {}, {} over {}", config.topics().carbonIntensity(),
                config.topics().workloads(), config.topics().clusters(), config.topics().placements(),
                config.topics().auditEvents(), config.topics().deadLetter(), KafkaClientProperties.describe(config.kafka()));
        LOG.info("exactly-once producers use transactional ids {}-<output>-...", config.kafka().transactionalIdPrefix());
        if (config.kafka().transactionalIdPrefix().equals(ConfigLoader.FALLBACK_TRANSACTIONAL_ID_PREFIX)) {
            LOG.warn("kafka.transactional-id-prefix is the shared fallback '{}': a second job with it on the same broker fences"
                    + " this one; set ${} or kafka.transactional-id-prefix per deployment", ConfigLoader.FALLBACK_TRANSACTIONAL_ID_PREFIX,
                    ConfigLoader.DEPLOYMENT_ENV);
        }
        env.execute(JOB_NAME);
    }

    static StreamExecutionEnvironment environment(String flinkConfDir) {
        if (flinkConfDir == null || flinkConfDir.isBlank()) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        // a plain java start runs a local MiniCluster: it listens on the loopback address only
        Configuration conf = LocalEnvironments.onLoopback(GlobalConfiguration.loadConfiguration(flinkConfDir));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    /**
     * Wires Kafka sources, the workflow and the Kafka sinks into {@code env}.
     *
     * @param around lets tests and benchmarks put a step between the sources and the workflow (an
     *     injected failure, a throttle); production passes the identity
     */
    public static void build(StreamExecutionEnvironment env, CaspianConfig config, KafkaInputs.Boundedness boundedness,
            UnaryOperator<CaspianWorkflow.Sources> around) {
        build(env, config, boundedness, around, ClusterClients.kubeconfig(config.kubernetes().requestTimeout()));
    }

    /** @param kubernetes how the dispatcher reaches the clusters, when {@code kubernetes.enabled} */
    public static void build(StreamExecutionEnvironment env, CaspianConfig config, KafkaInputs.Boundedness boundedness,
            UnaryOperator<CaspianWorkflow.Sources> around, ClusterClients kubernetes) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            throw new IllegalStateException("exactly-once Kafka output commits on checkpoints, and checkpointing is off: set "
                    + "execution.checkpointing.interval in Flink's config.yaml (see flink-conf/config.yaml)");
        }
        CaspianWorkflow.Sources sources = around.apply(KafkaInputs.sources(env, config, boundedness));
        CaspianWorkflow.Outputs outputs = CaspianWorkflow.build(config, sources, kubernetes);
        KafkaOutputs.attach(outputs, config);
        if (!config.elasticsearch().separateIndexer()) {
            ElasticsearchSinks.attachAll(outputs, config.elasticsearch()); // nothing unless elasticsearch.enabled
        }
    }
}
