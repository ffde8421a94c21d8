package io.caspian.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.caspian.testing.TestCertificates;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker in the test JVM, on ports the kit picks at run time. One per
 * test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class KafkaTestBroker implements AutoCloseable {

    /** Large enough for the oversized-payload case, which the job, not the broker, must refuse. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The broker's own SASL/PLAIN user on a {@link #startSaslSsl} listener (inter-broker and the test's admin). */
    public static final String ADMIN_USER = "broker-admin";
    private static final String ADMIN_PASSWORD = "broker-admin-secret";

    private final KafkaClusterTestKit cluster;
    /** What every client of the test needs to reach the listener: empty for PLAINTEXT. */
    private final Map<String, String> clientSecurity;

    private final String bootstrapServers;

    private KafkaTestBroker(KafkaClusterTestKit cluster, String bootstrapServers, Map<String, String> clientSecurity) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = clientSecurity;
    }

    public static KafkaTestBroker start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
                        new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        KafkaTestBroker broker = new KafkaTestBroker(cluster, cluster.bootstrapServers(), Map.of());
        broker.awaitGroupCoordinator();
        return broker;
    }

    /**
     * A broker whose only client listener is SASL_SSL, as a production cluster (Strimzi's {@code tls}
     * listener with SCRAM-SHA-512 users) is set up: TLS with the certificate {@code certs} issued, and
     * SASL with SCRAM-SHA-512 for users created by {@link #addScramUser} and PLAIN for the broker's own
     * {@link #ADMIN_USER}. The controller listener stays inside the JVM in plain text.
     */
    public static KafkaTestBroker startSaslSsl(TestCertificates certs) throws Exception {
        // the kit's own listener (inter-broker, PLAINTEXT) stays; SECURE is added beside it for the clients
        String listener = "secure";
        Map<String, String> secure = Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SECURE://localhost:0",
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL");
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                        .setNumBrokerNodes(1).setNumControllerNodes(1).setPerServerProperties(Map.of(0, secure))
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("listener.name." + listener + ".sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
                .setConfigProp("listener.name." + listener + ".plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER + "\" password=\""
                                + ADMIN_PASSWORD + "\" user_" + ADMIN_USER + "=\"" + ADMIN_PASSWORD + "\";")
                .setConfigProp("listener.name." + listener + ".scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .setConfigProp("listener.name." + listener + ".ssl.keystore.type", "PKCS12")
                .setConfigProp("listener.name." + listener + ".ssl.keystore.location", certs.serverKeystore().toString())
                .setConfigProp("listener.name." + listener + ".ssl.keystore.password", TestCertificates.PASSWORD)
                .setConfigProp("listener.name." + listener + ".ssl.key.password", TestCertificates.PASSWORD)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(listener));
        return new KafkaTestBroker(cluster, "localhost:" + port, Map.of(
                "security.protocol", "SASL_SSL",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", certs.caPem().toString(),
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER
                        + "\" password=\"" + ADMIN_PASSWORD + "\";"));
    }

    /** Creates a SCRAM-SHA-512 user, as Strimzi's User Operator does for a KafkaUser. */
    public void addScramUser(String user, String password) throws Exception {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> adminProperties() {
        Map<String, Object> properties = new java.util.HashMap<>(clientSecurity);
        properties.put("bootstrap.servers", bootstrapServers());
        return properties;
    }

    /**
     * Waits until the broker's group coordinator answers, which creates its offsets topic: a first
     * consumer group otherwise races that creation and logs a warning per attempt.
     */
    public void awaitGroupCoordinator() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminProperties())) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin.listConsumerGroupOffsets("caspian-test-warm-up").partitionsToOffsetAndMetadata()
                            .get(5, java.util.concurrent.TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopics(Collection<String> names, int partitions) throws Exception {
        create(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList());
    }

    /**
     * Creates topics as described, partitions and topic configs included, each kept without a time
     * limit: the tests' records carry event times of 2025, which the default retention (a week, checked
     * every five minutes) would delete while a test still reads them.
     */
    public void create(List<NewTopic> topics) throws Exception {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(topics.stream().map(KafkaTestBroker::keptWhateverItsTimes).toList())
                    .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static NewTopic keptWhateverItsTimes(NewTopic topic) {
        Map<String, String> configs = new java.util.HashMap<>(topic.configs() == null ? Map.of() : topic.configs());
        configs.put("retention.ms", "-1");
        return new NewTopic(topic.name(), topic.numPartitions(), topic.replicationFactor()).configs(configs);
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(clientSecurity);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // one batch in flight: a batch retried after NOT_LEADER_OR_FOLLOWER on a just-created topic cannot land
        // behind a later one, which the broker refuses as out of sequence until the delivery times out
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends text values (null keys) in order and waits until the broker has them all; fails if it refused one. */
    public void produce(String topic, List<String> values) {
        try {
            produceMessages(topic, values.stream().map(value -> new Message(null, value.getBytes(StandardCharsets.UTF_8))).toList());
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take every record for " + topic, e);
        }
    }

    /** One record to produce as raw bytes: a key (or null) and a value (or null, a tombstone). */
    public record Message(byte[] key, byte[] value) {}

    /** Sends raw records in order and waits until the broker has them all; fails if it refused one. */
    public void produceMessages(String topic, List<Message> messages) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (Message message : messages) {
                sent.add(producer.send(new ProducerRecord<>(topic, message.key(), message.value())));
            }
            producer.flush();
            for (var future : sent) {
                future.get();
            }
        }
    }

    /**
     * A consumer that sees committed records only ({@code isolation.level=read_committed}), from the
     * earliest offset, in consumer group {@code groupId} (null: none, for {@code assign}).
     */
    public KafkaConsumer<byte[], byte[]> committedReader(String groupId) {
        Properties props = new Properties();
        props.putAll(clientSecurity);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed record of a topic, read with {@code isolation.level=read_committed}. */
    public List<ConsumerRecord<String, String>> readCommitted(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, ADMIN_TIMEOUT)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // the last stable offsets: everything before them is committed or aborted, nothing open
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ADMIN_TIMEOUT);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end + " within " + ADMIN_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                            r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
