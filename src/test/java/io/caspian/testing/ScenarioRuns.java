package io.caspian.testing;

import io.caspian.jobs.BoundedRun;
import io.caspian.sources.DemoScenario;
import io.caspian.workflows.CaspianWorkflow;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The MiniCluster tests' common start: a strict environment and the seed scenario as bounded sources. */
public final class ScenarioRuns {

    /** The demo's seed and a background small enough for a test. */
    public static final long SEED = 42;
    public static final int BACKGROUND_WORKLOADS = 20;

    private ScenarioRuns() {}

    /** Parallelism 2, and Kryo forbidden so that every type must be a POJO or have its own serializer. */
    public static StreamExecutionEnvironment strictEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Configuration strict = new Configuration();
        strict.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(strict);
        return env;
    }

    public static CaspianWorkflow.Sources seedScenario(StreamExecutionEnvironment env) {
        DemoScenario scenario = DemoScenario.generate(SEED, BACKGROUND_WORKLOADS);
        return BoundedRun.sources(env,
                BoundedRun.source(env, scenario.carbon(), "carbon"),
                BoundedRun.source(env, scenario.workloads(), "workloads"),
                BoundedRun.source(env, scenario.clusters(), "clusters"));
    }
}
