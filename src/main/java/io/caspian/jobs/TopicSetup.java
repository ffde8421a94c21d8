package io.caspian.jobs;

import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code create-topics}: creates the job's topics that do not exist yet, for a local stack or a first
 * deployment. Input topics get one partition: the job takes a topic's order as its event-time order,
 * and one partition keeps a producer's order intact. Output topics get two, one per default subtask.
 * The alert rules, the policies and the placements are compacted: the latest record per key is the
 * rule, the policy of a scope, or the job's current plan. Output records carry their
 * event time, which for a back-test or a late input can be days or years old; output topics stamp
 * records with the broker's append time instead ({@value #OUTPUT_TIMESTAMP_TYPE}), so that time-based
 * retention counts from when a record was written, not from the event it describes.
 */
public final class TopicSetup {

    public static final int INPUT_PARTITIONS = 1;
    public static final int OUTPUT_PARTITIONS = 2;
    private static final long TIMEOUT_SECONDS = 30;
    public static final String OUTPUT_TIMESTAMP_TYPE = "LogAppendTime";

    private TopicSetup() {}

    public static List<NewTopic> topics(CaspianConfig.Topics t, short replication) {
        List<NewTopic> topics = new ArrayList<>();
        // the dispatch outcomes are the job's input as much as its output: one partition keeps their order
        for (String input : List.of(t.carbonIntensity(), t.workloads(), t.clusters(), t.eventsIn(), t.dispatchOutcomes())) {
            topics.add(new NewTopic(input, INPUT_PARTITIONS, replication));
        }
        for (String compacted : List.of(t.alertRules(), t.policies())) {
            topics.add(new NewTopic(compacted, INPUT_PARTITIONS, replication).configs(Map.of("cleanup.policy", "compact")));
        }
        for (String output : t.outputs()) {
            Map<String, String> configs = output.equals(t.placements())
                    ? Map.of("message.timestamp.type", OUTPUT_TIMESTAMP_TYPE, "cleanup.policy", "compact")
                    : Map.of("message.timestamp.type", OUTPUT_TIMESTAMP_TYPE);
            topics.add(new NewTopic(output, OUTPUT_PARTITIONS, replication).configs(configs));
        }
        return topics;
    }

    public static void run(CaspianConfig config, short replication, PrintStream console)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(KafkaClientProperties.of(config.kafka()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics(config.topics(), replication).stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            for (NewTopic topic : topics(config.topics(), replication)) {
                console.printf("%-32s %s%n", topic.name(), missing.contains(topic) ? "created" : "exists");
            }
        }
    }
}
