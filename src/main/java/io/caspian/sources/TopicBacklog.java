package io.caspian.sources;

import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an input topic has records the job would read if it started now: in some partition, the
 * committed end (what a {@code read_committed} reader can reach) lies beyond where the job's group
 * stands, or beyond the earliest offset where the group has never committed (where {@link KafkaInputs}
 * starts). A restore from a checkpoint starts at the checkpoint's offsets instead; the group commits
 * on every completed checkpoint, so the two differ only after a restore from an older savepoint.
 * Anything that cannot be asked in time counts as a backlog, which keeps the input waiting as before.
 */
public final class TopicBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBacklog.class);
    /** A broker that does not say who it is within this is taken as not there (a graph built offline). */
    private static final Duration REACH = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private TopicBacklog() {}

    /** Of these topics, those with nothing to read for the job's consumer group now. */
    public static List<String> empty(CaspianConfig config, Collection<String> topics) {
        Properties properties = KafkaClientProperties.of(config.kafka());
        properties.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ANSWER.toMillis()));
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ANSWER.toMillis()));
        Admin admin = null;
        try {
            admin = Admin.create(properties);
            admin.describeCluster().clusterId().get(REACH.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, config.kafka().groupId());
            Admin asked = admin;
            return topics.stream().filter(topic -> isEmpty(asked, topic, committed)).toList();
        } catch (Exception e) {
            LOG.info("could not ask the broker which of {} have records to read ({}); they hold event time back at the start "
                    + "for watermarks.idleness like the other inputs", topics, e.toString());
            return List.of();
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO); // every answer is in, or no longer awaited
            }
        }
    }

    /**
     * Where the group stands; none known if the group's coordinator does not answer, which compares the
     * ends with the earliest offsets: it can only find more to read than there is, never less.
     */
    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            return committed == null ? Map.of() : committed;
        } catch (Exception e) {
            LOG.info("the offsets of consumer group {} are unknown ({}); an input topic counts as empty only if it never had a record",
                    groupId, e.toString());
            return Map.of();
        }
    }

    private static boolean isEmpty(Admin admin, String topic, Map<TopicPartition, OffsetAndMetadata> committed) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions()
                    .forEach(partition -> {
                        TopicPartition p = new TopicPartition(topic, partition.partition());
                        latest.put(p, OffsetSpec.latest());
                        earliest.put(p, OffsetSpec.earliest());
                    });
            ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest, committedOnly).all()
                    .get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest, committedOnly).all()
                    .get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicPartition partition : latest.keySet()) {
                OffsetAndMetadata position = committed.get(partition);
                long from = position != null ? position.offset() : starts.get(partition).offset();
                if (ends.get(partition).offset() > from) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            LOG.info("could not ask the broker whether {} has records to read ({}); it holds event time back at the start "
                    + "for watermarks.idleness like the other inputs", topic, e.toString());
            return false;
        }
    }
}
