package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.CaspianConfig;
import io.caspian.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchAuthTest {

    private final CaspianConfig.Elasticsearch config = Fixtures.config().elasticsearch();

    @Test
    void anApiKeyWinsAndIsNeverShown() {
        ElasticsearchAuth auth = ElasticsearchAuth.fromEnvironment(config,
                Map.of("CASPIAN_ES_API_KEY", "c2VjcmV0LWtleQ==", "CASPIAN_ES_USERNAME", "elastic")::get);
        assertThat(auth.header()).hasValueSatisfying(h -> assertThat(h.getValue()).isEqualTo("ApiKey c2VjcmV0LWtleQ=="));
        assertThat(auth.toString()).contains("CASPIAN_ES_API_KEY").doesNotContain("c2VjcmV0LWtleQ==");
    }

    @Test
    void basicAuthFromUsernameAndPassword() {
        ElasticsearchAuth auth = ElasticsearchAuth.fromEnvironment(config,
                Map.of("CASPIAN_ES_USERNAME", "elastic", "CASPIAN_ES_PASSWORD", "s3cret")::get);
        String expected = "Basic " + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(auth.header()).hasValueSatisfying(h -> assertThat(h.getValue()).isEqualTo(expected));
        assertThat(auth.toString()).doesNotContain("s3cret");
    }

    @Test
    void noVariablesMeansNoAuthAndAUsernameWithoutPasswordIsAnError() {
        assertThat(ElasticsearchAuth.fromEnvironment(config, name -> null).header()).isEmpty();
        assertThatThrownBy(() -> ElasticsearchAuth.fromEnvironment(config, Map.of("CASPIAN_ES_USERNAME", "elastic")::get))
                .hasMessageContaining("CASPIAN_ES_PASSWORD");
    }
}
