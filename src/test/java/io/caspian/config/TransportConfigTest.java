package io.caspian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport settings: whom the Elasticsearch client trusts, and the producers' transactional id prefix. */
class TransportConfigTest {

    private static CaspianConfig load(Map<String, String> environment, Map<String, String> overrides) {
        return new ConfigLoader(environment::get).load(null, overrides);
    }

    @Test
    void explicitPrefixWinsOverTheDeployment() {
        CaspianConfig config = load(Map.of(ConfigLoader.DEPLOYMENT_ENV, "prod.caspian"), Map.of("kafka.transactional-id-prefix", "mine"));
        assertThat(config.kafka().transactionalIdPrefix()).isEqualTo("mine");
    }

    @Test
    void prefixIsDerivedFromTheDeploymentWhenNotGiven() {
        assertThat(load(Map.of(ConfigLoader.DEPLOYMENT_ENV, "prod.caspian"), Map.of()).kafka().transactionalIdPrefix())
                .isEqualTo("caspian-prod.caspian");
        assertThat(load(Map.of(ConfigLoader.DEPLOYMENT_ENV, "staging.caspian"), Map.of()).kafka().transactionalIdPrefix())
                .isEqualTo("caspian-staging.caspian");
    }

    @Test
    void prefixFallsBackToCaspianWithoutADeployment() {
        assertThat(load(Map.of(), Map.of()).kafka().transactionalIdPrefix()).isEqualTo("caspian");
        assertThat(load(Map.of(ConfigLoader.DEPLOYMENT_ENV, "  "), Map.of()).kafka().transactionalIdPrefix()).isEqualTo("caspian");
    }

    @Test
    void aDeploymentNameThatCannotBeAnIdIsRefused() {
        assertThatThrownBy(() -> load(Map.of(ConfigLoader.DEPLOYMENT_ENV, "prod/caspian"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigLoader.DEPLOYMENT_ENV);
    }

    @Test
    void elasticsearchTrustsTheJvmDefaultsUnlessACaIsNamed() {
        CaspianConfig.ElasticsearchTls tls = load(Map.of(), Map.of()).elasticsearch().tls();
        assertThat(tls.customTrust()).isFalse();
        assertThat(tls.caFile()).isNull();
        assertThat(tls.truststorePath()).isNull();
        assertThat(tls.truststorePasswordEnv()).isEqualTo("CASPIAN_ES_TRUSTSTORE_PASSWORD");
    }

    @Test
    void caFileBinds() {
        CaspianConfig.Elasticsearch es = load(Map.of(), Map.of("elasticsearch.url", "https://caspian-es-es-http.caspian.svc:9200",
                "elasticsearch.tls.ca-file", "/opt/caspian/es-ca/ca.crt")).elasticsearch();
        assertThat(es.tls().caFile()).isEqualTo("/opt/caspian/es-ca/ca.crt");
        assertThat(es.tls().customTrust()).isTrue();
        assertThat(es.withUrl("https://other:9200").tls()).isEqualTo(es.tls());
    }

    @Test
    void trustMistakesAreNamed() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("elasticsearch.url", "https://es:9200", "elasticsearch.tls.ca-file", "/a.pem",
                "elasticsearch.tls.truststore-path", "/b.p12")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("elasticsearch.tls.ca-file").hasMessageContaining("truststore-path");
        assertThatThrownBy(() -> load(Map.of(), Map.of("elasticsearch.url", "http://es:9200", "elasticsearch.tls.ca-file", "/a.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not https://");
        assertThatThrownBy(() -> load(Map.of(), Map.of("elasticsearch.tls.trust-all", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown configuration key elasticsearch.tls.trust-all");
    }
}
