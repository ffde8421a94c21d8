package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.CaspianConfig;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.report.AuditRecords;
import io.caspian.report.ElasticsearchAuditSource;
import io.caspian.report.TimeRange;
import io.caspian.testing.Fixtures;
import io.caspian.testing.ScenarioRuns;
import io.caspian.testing.TestCertificates;
import io.caspian.workflows.CaspianWorkflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Elasticsearch node that serves HTTPS only, with a certificate issued by a CA of its own (as
 * ECK sets a cluster up): the job's clients reach it when {@code elasticsearch.tls} names that CA, and
 * are refused, with a reason that says what to set, when it does not.
 */
class ElasticsearchTlsTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ElasticsearchAuth NO_AUTH = ElasticsearchAuth.fromEnvironment(Fixtures.config().elasticsearch(), name -> null);

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static EmbeddedElasticsearch es;

    @BeforeAll
    static void startTlsNode() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"), "caspian-test-es-ca");
        es = EmbeddedElasticsearch.startTls(certs);
    }

    @AfterAll
    static void stop() throws Exception {
        if (es != null) {
            es.close();
        }
    }

    private static CaspianConfig config(Map<String, String> tls) {
        Map<String, String> overrides = new HashMap<>(Map.of("elasticsearch.enabled", "true", "elasticsearch.url", es.url(),
                "elasticsearch.max-time-in-buffer", "100 ms", "elasticsearch.max-batch-size", "20",
                "elasticsearch.retry-initial-backoff", "50 ms", "elasticsearch.retry-max-backoff", "200 ms"));
        overrides.putAll(tls);
        return Fixtures.config(overrides);
    }

    private static CaspianConfig withCaFile() {
        return config(Map.of("elasticsearch.tls.ca-file", certs.caPem().toString()));
    }

    @Test
    void theNodeServesHttpsOnly() {
        try (EsHttp plain = new EsHttp(es.url().replace("https://", "http://"))) {
            assertThatThrownBy(() -> plain.get("/_cluster/health")).isInstanceOf(IOException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theJobsSinksIndexOverHttpsTrustingTheClustersCaAndTheReportReadsItBack() throws Exception {
        CaspianConfig config = withCaFile();
        StreamExecutionEnvironment env = strictEnvironment();
        CaspianWorkflow.Outputs outputs = CaspianWorkflow.build(config, ScenarioRuns.seedScenario(env));
        ElasticsearchSinks.attach(outputs.auditEvents(), IndexedStreams.auditEvents(), config.elasticsearch());
        ElasticsearchSinks.attach(outputs.placements(), IndexedStreams.placements(), config.elasticsearch());
        ElasticsearchSinks.attach(outputs.deadLetters(), IndexedStreams.deadLetters(), config.elasticsearch());
        ElasticsearchSinks.attach(outputs.analytics(), IndexedStreams.analytics(), config.elasticsearch());
        // the seed scenario fires no alert, and the report's reader needs an index for every stream
        ElasticsearchSinks.attach(env.fromData(SampleDocuments.alerts(Instant.parse("2025-10-22T08:30:00Z")), Types.STRING)
                .name("sample alerts").uid("sample-alerts"), IndexedStreams.alertsJson(), config.elasticsearch());
        CollectedOutputs emitted = BoundedRun.execute(env, outputs, "elasticsearch-tls-test", output -> { });

        try (RestClient client = ElasticsearchClients.restClient(config.elasticsearch(), NO_AUTH)) {
            client.performRequest(new Request("POST", "/caspian-*/_refresh"));
            assertThat(body(client, new Request("GET", "/caspian-audit-events-*/_count")))
                    .contains("\"count\":" + emitted.auditEvents.size() + ",");
            // the report's reader, over a client built the same way as the report command's
            AuditRecords records = new ElasticsearchAuditSource(client, "caspian")
                    .read(new TimeRange(Instant.parse("2025-10-22T00:00:00Z"), Instant.parse("2025-10-23T00:00:00Z")));
            assertThat(records.auditEvents()).hasSize(emitted.auditEvents.size()).isNotEmpty();
            assertThat(records.placements()).hasSize(emitted.placements.size());
        }
    }

    @Test
    void aTrustStoreWithItsPasswordFromTheEnvironmentWorksLikeThePemFile() throws Exception {
        CaspianConfig config = config(Map.of("elasticsearch.tls.truststore-path", certs.truststore().toString(),
                "elasticsearch.tls.truststore-password-env", "TEST_ES_TRUSTSTORE_PASSWORD"));
        Map<String, String> environment = Map.of("TEST_ES_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD);
        try (RestClient client = ElasticsearchClients.restClient(config.elasticsearch(), NO_AUTH, environment::get)) {
            assertThat(body(client, new Request("GET", "/_cluster/health"))).contains("\"status\"");
        }
        assertThatThrownBy(() -> ElasticsearchClients.restClient(config.elasticsearch(), NO_AUTH, name -> "wrong"))
                .hasMessageContaining("cannot read the trust store elasticsearch.tls.truststore-path");
    }

    @Test
    void withoutTheCaTheClientIsRefusedAndToldWhatToSet() throws Exception {
        CaspianConfig config = config(Map.of());
        try (RestClient client = ElasticsearchClients.restClient(config.elasticsearch(), NO_AUTH)) {
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> client.performRequest(new Request("GET", "/_cluster/health")));
            assertThat(refused).isInstanceOf(SSLException.class);
            assertThat(ElasticsearchTrust.untrustedServer(refused, config.elasticsearch())).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("not signed by a trusted CA").contains("JVM default trust store").contains("elasticsearch.tls.ca-file"));
        }
    }

    @Test
    void aCaOtherThanTheClustersIsRefusedToo() throws Exception {
        TestCertificates other = TestCertificates.create(dir.resolve("other"), "some-other-ca");
        CaspianConfig config = config(Map.of("elasticsearch.tls.ca-file", other.caPem().toString()));
        try (RestClient client = ElasticsearchClients.restClient(config.elasticsearch(), NO_AUTH)) {
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> client.performRequest(new Request("GET", "/_cluster/health")));
            assertThat(ElasticsearchTrust.untrustedServer(refused, config.elasticsearch()))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("CA certificates of " + other.caPem()));
        }
    }

    @Test
    void theSinkWithoutTheCaFailsTheJobInsteadOfRetryingForEver() {
        CaspianConfig config = config(Map.of());
        StreamExecutionEnvironment env = strictEnvironment();
        ElasticsearchSinks.attach(env.fromData(SampleDocuments.alerts(Instant.parse("2025-10-22T08:30:00Z")).subList(0, 1), Types.STRING).name("alerts").uid("alerts"),
                IndexedStreams.alertsJson(), config.elasticsearch());
        assertThatThrownBy(() -> env.execute("elasticsearch-untrusted-test")).satisfies(failure -> assertThat(
                ExceptionUtils.findThrowableWithMessage(failure, "set elasticsearch.tls.ca-file")).isPresent());
    }

    @Test
    void aMissingOrEmptyCaFileIsNamed() throws Exception {
        CaspianConfig missing = config(Map.of("elasticsearch.tls.ca-file", dir.resolve("nope.pem").toString()));
        assertThatThrownBy(() -> ElasticsearchClients.restClient(missing.elasticsearch(), NO_AUTH))
                .hasMessageContaining("elasticsearch.tls.ca-file").hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "", StandardCharsets.UTF_8);
        CaspianConfig none = config(Map.of("elasticsearch.tls.ca-file", empty.toString()));
        assertThatThrownBy(() -> ElasticsearchClients.restClient(none.elasticsearch(), NO_AUTH))
                .hasMessageContaining("elasticsearch.tls.ca-file");
    }

    private static StreamExecutionEnvironment strictEnvironment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    private static String body(RestClient client, Request request) throws IOException {
        return new String(client.performRequest(request).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }
}
