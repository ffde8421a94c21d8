package io.caspian.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigException;
import io.caspian.config.KafkaClientProperties;
import io.caspian.events.PolicyDocument;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code policy --file FILE}: reads a policy document (YAML or JSON), checks it as the job will
 * (shape, policy keys, values, scope, a version above every one on the topic), and writes it to the
 * policies topic keyed by its scope, so that an operator never writes Kafka records by hand. Without
 * {@code version} the document gets the next one; without {@code timestamp}, now. With
 * {@code --dry-run} it is checked and printed, not written.
 */
public final class PolicyCommand {

    public static final String USAGE = "  policy   check a policy document (YAML or JSON) and publish it to the policies topic:"
            + " --file FILE [--dry-run] (docs/policies.md)";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PolicyCommand() {}

    /** @return the exit code: 0 written (or checked), 2 refused */
    public static int run(CaspianConfig config, Map<String, String> options, PrintStream out, PrintStream err) throws Exception {
        String file = options.get("file");
        if (file == null) {
            err.println("policy: --file FILE is required (a YAML or JSON policy document)");
            return 2;
        }
        boolean dryRun = Boolean.parseBoolean(options.getOrDefault("dry-run", "false"));
        ObjectNode node;
        try {
            JsonNode read = YAML.readTree(Files.readString(Path.of(file)));
            if (!(read instanceof ObjectNode object)) {
                err.println("policy: " + file + " must hold one mapping (version, scope, source, reason, settings)");
                return 2;
            }
            node = object;
        } catch (IOException e) {
            err.println("policy: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        long latest = dryRun ? 0 : latestVersion(config);
        if (!node.hasNonNull("version")) {
            node.put("version", latest + 1);
        }
        if (!node.hasNonNull("timestamp")) {
            node.put("timestamp", Json.iso(System.currentTimeMillis()));
        }
        PolicyDocument document;
        try {
            document = PolicyDocumentJson.read(node);
            PolicyDocumentJson.check(document, config);
        } catch (InvalidRecordException e) {
            err.println("policy refused (" + e.reason() + "): " + e.getMessage());
            return 2;
        }
        if (document.version() <= latest) {
            err.println("policy refused: version " + document.version() + " is not above the latest on "
                    + config.topics().policies() + ", " + latest + " (leave version out to take the next)");
            return 2;
        }
        String json = PolicyDocumentJson.write(document);
        if (dryRun) {
            out.println(json);
            return 0;
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(config))) {
            RecordMetadata written = producer.send(new ProducerRecord<>(config.topics().policies(), document.scope(), json))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            out.printf("policy version %d (%s) written to %s, partition %d, offset %d%n", document.version(), document.scope(),
                    written.topic(), written.partition(), written.offset());
        }
        return 0;
    }

    /** The highest version on the policies topic (0 when it holds none); unreadable records are skipped. */
    static long latestVersion(CaspianConfig config) {
        Properties props = new Properties();
        props.putAll(KafkaClientProperties.of(config.kafka()));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long latest = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topics().policies(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new ConfigException("topic " + config.topics().policies() + " does not exist: run create-topics first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ConfigException("could not read " + config.topics().policies() + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    latest = Math.max(latest, versionOf(record.value()));
                }
            }
        }
        return latest;
    }

    private static long versionOf(String payload) {
        try {
            return payload == null ? 0 : PolicyDocumentJson.parse(payload).version();
        } catch (InvalidRecordException | RuntimeException e) {
            return 0; // the job dead-letters it; it set no version
        }
    }

    private static Properties producerProperties(CaspianConfig config) {
        Properties props = new Properties();
        props.putAll(KafkaClientProperties.of(config.kafka()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }
}
