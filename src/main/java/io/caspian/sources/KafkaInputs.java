package io.caspian.sources;

import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import io.caspian.events.RawRecord;
import io.caspian.workflows.CaspianWorkflow;
import io.caspian.validation.EventClock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's input topics as {@link RawRecord} streams. Offsets live in Flink's checkpoints (a restore
 * resumes exactly there); a first start begins at the group's committed offsets, else at the earliest.
 * Watermarks are assigned after parsing, on the payload's own event time, so the sources emit none.
 */
public final class KafkaInputs {

    /** Whether the sources stop at the offsets that were the latest when the job started. */
    public enum Boundedness {
        /** production: read for ever */
        UNBOUNDED,
        /** tests, benchmarks and back-fills: read what is there now, then finish */
        UP_TO_LATEST
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaInputs.class);

    private KafkaInputs() {}

    public static CaspianWorkflow.Sources sources(StreamExecutionEnvironment env, CaspianConfig config, Boundedness boundedness) {
        CaspianConfig.Topics topics = config.topics();
        CaspianWorkflow.Sources sources = new CaspianWorkflow.Sources(
                stream(env, config, topics.carbonIntensity(), "carbon", boundedness),
                stream(env, config, topics.workloads(), "workloads", boundedness),
                stream(env, config, topics.clusters(), "clusters", boundedness),
                stream(env, config, topics.eventsIn(), CaspianWorkflow.Sources.EVENTS_IN, boundedness),
                env.fromSource(source(config, topics.alertRules(), "alert-rules", boundedness, new KeyedRawRecordDeserializer()),
                                WatermarkStrategy.noWatermarks(), "kafka " + topics.alertRules())
                        .uid("kafka-source-alert-rules"),
                stream(env, config, topics.policies(), CaspianWorkflow.Sources.POLICIES, boundedness),
                EventClock.wall(),
                config.kubernetes().enabled() ? stream(env, config, topics.dispatchOutcomes(), "dispatch-outcomes", boundedness) : null);
        return boundedness == Boundedness.UNBOUNDED ? sources.withEmptyAtStart(emptyOptionalInputs(config)) : sources;
    }

    /**
     * The optional inputs (policies, events from other modules) whose topics have nothing to read as the
     * live job starts: many fleets never write them, and an input that waits for a first record would hold
     * every round for {@code watermarks.idleness} after each start. One with a backlog waits as the others do,
     * so that a policy written before the start is not overtaken by readings.
     */
    private static Set<String> emptyOptionalInputs(CaspianConfig config) {
        Map<String, String> inputOfTopic = new HashMap<>();
        inputOfTopic.put(config.topics().policies(), CaspianWorkflow.Sources.POLICIES);
        inputOfTopic.put(config.topics().eventsIn(), CaspianWorkflow.Sources.EVENTS_IN);
        Set<String> empty = new HashSet<>();
        TopicBacklog.empty(config, inputOfTopic.keySet()).forEach(topic -> empty.add(inputOfTopic.get(topic)));
        LOG.info("optional inputs with nothing to read at the start (not holding event time back until their first record): {}",
                empty);
        return empty;
    }

    /** One topic as a stream, named after the topic and with a uid fixed by its role. */
    public static DataStream<RawRecord> stream(StreamExecutionEnvironment env, CaspianConfig config, String topic, String role,
            Boundedness boundedness) {
        return env.fromSource(source(config, topic, role, boundedness, new RawRecordDeserializer()),
                        WatermarkStrategy.noWatermarks(), "kafka " + topic)
                .uid("kafka-source-" + role);
    }

    /**
     * The record values of one of the job's own output topics, as the {@code index} mode reads them:
     * committed records only, under its own consumer group {@code <group-id>-indexer}.
     */
    public static DataStream<String> outputValues(StreamExecutionEnvironment env, CaspianConfig config, String topic, String role,
            Boundedness boundedness) {
        return env.fromSource(source(config, topic, role, boundedness, KafkaRecordDeserializationSchema.valueOnly(new SimpleStringSchema()),
                                config.kafka().groupId() + INDEXER_GROUP_SUFFIX),
                        WatermarkStrategy.noWatermarks(), "kafka " + topic)
                .uid("kafka-source-" + role);
    }

    public static final String INDEXER_GROUP_SUFFIX = "-indexer";

    static <T> KafkaSource<T> source(CaspianConfig config, String topic, String role, Boundedness boundedness,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return source(config, topic, role, boundedness, deserializer, config.kafka().groupId());
    }

    static <T> KafkaSource<T> source(CaspianConfig config, String topic, String role, Boundedness boundedness,
            KafkaRecordDeserializationSchema<T> deserializer, String groupId) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setProperties(KafkaClientProperties.of(config.kafka()))
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + role)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                // outputs are transactional: never read another job's aborted or open transactions
                .setProperty("isolation.level", "read_committed");
        if (boundedness == Boundedness.UP_TO_LATEST) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
