package io.caspian.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import io.caspian.events.RawRecord;
import io.caspian.events.json.Json;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a real broker whose only listener is SASL_SSL (SCRAM-SHA-512 over TLS
 * with a CA of the cluster's own, as Strimzi sets it up), configured the way the shipped manifests
 * configure it: {@code kafka.properties} with the CA as a PEM trust store and the JAAS line from the
 * environment. Inputs are read and the exactly-once outputs are committed over it.
 */
class StreamingSaslSslTest {

    private static final String USER = "caspian-job";
    private static final String PASSWORD = "caspian-job-secret";
    /** The variable the FlinkDeployment fills from the KafkaUser's secret (key sasl.jaas.config). */
    private static final String JAAS_ENV = "CASPIAN_KAFKA_SASL_JAAS_CONFIG";

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static KafkaTestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"), "caspian-test-kafka-ca");
        broker = KafkaTestBroker.startSaslSsl(certs);
        broker.addScramUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, String> secureProperties() {
        return Map.of("kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.properties.sasl.jaas.config", "${" + JAAS_ENV + "}",
                "kafka.properties.ssl.truststore.type", "PEM",
                "kafka.properties.ssl.truststore.location", certs.caPem().toString());
    }

    private static Map<String, String> environment(String password) {
        return Map.of(JAAS_ENV, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";", "CASPIAN_DEPLOYMENT", "test.caspian");
    }

    @Test
    void theSeedScenarioRunsExactlyOnceOverSaslSsl(@TempDir Path checkpoints) throws Exception {
        Map<String, String> extra = new HashMap<>(secureProperties());
        // the prefix as a deployment gets it: from CASPIAN_DEPLOYMENT, not from the configuration
        extra.put("kafka.transactional-id-prefix", "");
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "secure", extra, environment(PASSWORD)::get);
        assertThat(config.kafka().transactionalIdPrefix()).isEqualTo("caspian-test.caspian");
        DemoScenario scenario = DemoScenario.generate(42, 10);
        broker.createTopics(StreamingRuns.inputTopics(config), 1);
        broker.createTopics(StreamingRuns.outputTopics(config), 2);
        broker.produce(config.topics().clusters(), payloads(scenario.clusters()));
        broker.produce(config.topics().carbonIntensity(), payloads(scenario.carbon()));
        broker.produce(config.topics().workloads(), payloads(scenario.workloads()));

        StreamingRuns.runToEnd(config, StreamingRuns.flink(checkpoints, 0), UnaryOperator.identity());

        List<JsonNode> seedJob = broker.readCommitted(config.topics().placements()).stream().map(r -> parse(r.value()))
                .filter(p -> p.get("job_id").asText().equals(DemoScenario.SEED_JOB)).toList();
        assertThat(seedJob).extracting(p -> p.get("target_cluster").asText()).contains("carbon-kr", "carbon-jp");
        List<JsonNode> relocations = broker.readCommitted(config.topics().auditEvents()).stream().map(r -> parse(r.value()))
                .filter(e -> e.get("event_type").asText().equals("workload_relocation")
                        && e.get("workload_id").asText().equals(DemoScenario.SEED_JOB)).toList();
        assertThat(relocations).hasSize(1);
    }

    @Test
    void aClientWithoutTheClustersCaIsRefused() {
        Properties properties = clientOf(Map.of("kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.mechanism", "SCRAM-SHA-512", "kafka.properties.sasl.jaas.config", "${" + JAAS_ENV + "}"),
                PASSWORD);
        assertThatThrownBy(() -> describeCluster(properties)).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                .hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties properties = clientOf(secureProperties(), "not-the-password");
        assertThatThrownBy(() -> describeCluster(properties)).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theRightCredentialsOverTlsAreAccepted() throws Exception {
        describeCluster(clientOf(secureProperties(), PASSWORD));
    }

    private static Properties clientOf(Map<String, String> properties, String password) {
        CaspianConfig config = StreamingRuns.config(broker.bootstrapServers(), "probe", properties, environment(password)::get);
        return KafkaClientProperties.of(config.kafka());
    }

    private static void describeCluster(Properties properties) throws Exception {
        properties.put("default.api.timeout.ms", "10000");
        properties.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static List<String> payloads(List<RawRecord> records) {
        return records.stream().map(RawRecord::payload).toList();
    }
}
