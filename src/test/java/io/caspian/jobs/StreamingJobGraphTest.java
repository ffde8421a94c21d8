package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.ConfigLoader;
import io.caspian.sources.KafkaInputs;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The streaming graph as it would be submitted; no broker needed, nothing connects. */
class StreamingJobGraphTest {

    private static StreamExecutionEnvironment checkpointed() {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "1 min");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    @Test
    void everyOperatorHasAStableUidSoASavepointRestoresAfterAnUpgrade() {
        StreamExecutionEnvironment env = checkpointed();
        StreamingJob.build(env, ConfigLoader.defaults(), KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());

        List<StreamNode> nodes = List.copyOf(env.getStreamGraph().getStreamNodes());
        assertThat(nodes).hasSizeGreaterThan(10);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getTransformationUID()).as(node.getOperatorName()).isNotBlank());
        assertThat(nodes.stream().map(StreamNode::getTransformationUID).distinct().count()).isEqualTo(nodes.size());
        assertThat(nodes).extracting(StreamNode::getTransformationUID)
                .contains("kafka-source-carbon", "kafka-source-workloads", "kafka-source-clusters", "parse-carbon",
                        "placement-rounds", "migration-detector");
    }

    @Test
    void withASeparateIndexerTheStreamingJobHasNoElasticsearchSinkAndTheIndexerOneForEachOutput() {
        var inJob = new ConfigLoader().load(null, java.util.Map.of("elasticsearch.enabled", "true"));
        var separate = new ConfigLoader().load(null, java.util.Map.of("elasticsearch.enabled", "true",
                "elasticsearch.separate-indexer", "true"));
        assertThat(elasticsearchSinks(streamingGraph(inJob))).isNotEmpty();
        assertThat(elasticsearchSinks(streamingGraph(separate))).isEmpty();

        StreamExecutionEnvironment indexer = checkpointed();
        IndexingJob.build(indexer, separate, KafkaInputs.Boundedness.UNBOUNDED);
        assertThat(elasticsearchSinks(indexer)).hasSize(separate.topics().outputs().size() + 1); // and the cluster rows
    }

    private static StreamExecutionEnvironment streamingGraph(io.caspian.config.CaspianConfig config) {
        StreamExecutionEnvironment env = checkpointed();
        StreamingJob.build(env, config, KafkaInputs.Boundedness.UNBOUNDED, UnaryOperator.identity());
        return env;
    }

    private static List<String> elasticsearchSinks(StreamExecutionEnvironment env) {
        return env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getOperatorName)
                .filter(name -> name.startsWith("elasticsearch")).toList();
    }

    @Test
    void refusesToStartWithoutCheckpointingSinceTheSinksCommitOnCheckpoints() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        assertThatThrownBy(() -> StreamingJob.build(env, ConfigLoader.defaults(), KafkaInputs.Boundedness.UNBOUNDED,
                UnaryOperator.identity())).isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpointing is off");
    }
}
