package io.caspian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchSectionTest {

    private static CaspianConfig.Elasticsearch load(Map<String, String> overrides) {
        return new ConfigLoader().load(null, overrides).elasticsearch();
    }

    @Test
    void defaultsAreOffDailyAndBounded() {
        CaspianConfig.Elasticsearch es = load(Map.of());
        assertThat(es.enabled()).isFalse();
        assertThat(es.indexMode()).isEqualTo(CaspianConfig.IndexMode.DAILY);
        assertThat(es.maxBatchBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(es.maxBuffered()).isGreaterThanOrEqualTo(es.maxBatchSize());
        assertThat(es.retryMaxBackoff()).isGreaterThan(es.retryInitialBackoff());
    }

    @Test
    void overridesBindWithUnits() {
        CaspianConfig.Elasticsearch es = load(Map.of("elasticsearch.index-mode", "rollover", "elasticsearch.max-batch-bytes", "512kb",
                "elasticsearch.retry-max-backoff", "30 s", "elasticsearch.url", "https://es.example:9243"));
        assertThat(es.indexMode()).isEqualTo(CaspianConfig.IndexMode.ROLLOVER);
        assertThat(es.maxBatchBytes()).isEqualTo(512L * 1024);
        assertThat(es.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(es.withUrl("http://other:9200").url()).isEqualTo("http://other:9200");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> load(Map.of("elasticsearch.index-mode", "hourly"))).hasMessageContaining("elasticsearch.index-mode");
        assertThatThrownBy(() -> load(Map.of("elasticsearch.url", "localhost:9200"))).hasMessageContaining("elasticsearch.url");
        assertThatThrownBy(() -> load(Map.of("elasticsearch.index-prefix", "Caspian"))).hasMessageContaining("index-prefix");
        assertThatThrownBy(() -> load(Map.of("elasticsearch.max-in-flight", "0"))).hasMessageContaining("max-in-flight");
        assertThatThrownBy(() -> load(Map.of("elasticsearch.max-batch-bytes", "lots"))).hasMessageContaining("max-batch-bytes");
    }
}
