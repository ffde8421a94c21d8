package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

    @Test
    void outputTopicsStampAppendTimeSoThatRetentionNeverDropsOldEventsAtOnce() {
        CaspianConfig.Topics t = ConfigLoader.defaults().topics();
        Map<String, NewTopic> topics = new java.util.HashMap<>();
        TopicSetup.topics(t, (short) 1).forEach(topic -> topics.put(topic.name(), topic));
        for (String output : t.outputs()) {
            assertThat(topics.get(output).configs()).as(output).containsEntry("message.timestamp.type", "LogAppendTime");
        }
        for (String input : List.of(t.carbonIntensity(), t.workloads(), t.clusters(), t.eventsIn())) {
            assertThat(topics.get(input).configs()).as(input).satisfiesAnyOf(c -> assertThat(c).isNull(),
                    c -> assertThat(c).doesNotContainKey("message.timestamp.type"));
        }
        assertThat(topics.get(t.placements()).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(t.roundSummaries()).configs()).doesNotContainKey("cleanup.policy");
    }
}
