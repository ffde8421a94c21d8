package io.caspian.jobs;

import io.caspian.metrics.BoundPrometheusReporterFactory;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink environment of a local run: an embedded MiniCluster (demo, back-test, and the streaming
 * job started with plain {@code java}, as the local stack does). A local MiniCluster listens only on
 * the loopback address: its REST endpoint, blob server, RPC and data ports, and the Prometheus
 * reporter when one is configured. A key set in the configuration wins, so a local run can still be
 * opened up on purpose; on a cluster ({@code flink run}, the Kubernetes operator) the cluster's own
 * configuration decides and none of this applies.
 */
public final class LocalEnvironments {

    public static final int PARALLELISM = 2;
    public static final String LOOPBACK = "127.0.0.1";
    /** Where a local MiniCluster binds and what it advertises: every one defaults to {@value #LOOPBACK}. */
    static final List<String> ADDRESS_KEYS = List.of("jobmanager.bind-host", "jobmanager.rpc.address",
            "taskmanager.bind-host", "taskmanager.host", "rest.bind-address", "rest.address");
    /** Flink's Prometheus reporter binds every interface and has no host option: swapped locally. */
    static final String FLINK_PROMETHEUS_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private LocalEnvironments() {}

    public static StreamExecutionEnvironment bounded() {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(onLoopback(conf));
    }

    /**
     * A copy of {@code conf} in which every listening address not set explicitly is the loopback
     * address, and a Prometheus reporter of Flink's is served by {@link BoundPrometheusReporterFactory}
     * on {@code metrics.reporter.<name>.host} (default the loopback address).
     */
    public static Configuration onLoopback(Configuration conf) {
        Configuration local = new Configuration(conf);
        for (String key : ADDRESS_KEYS) {
            if (!local.containsKey(key)) {
                local.setString(key, LOOPBACK);
            }
        }
        for (String key : conf.keySet()) {
            if (key.startsWith("metrics.reporter.") && key.endsWith(".factory.class")
                    && FLINK_PROMETHEUS_FACTORY.equals(conf.getString(key, null))) {
                local.setString(key, BoundPrometheusReporterFactory.class.getName());
            }
        }
        return local;
    }
}
