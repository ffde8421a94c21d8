package io.caspian.sinks.elasticsearch;

import org.junit.jupiter.api.Test;

class EmbeddedElasticsearchSmokeTest {
    @Test
    void starts() throws Exception {
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start()) {
            System.out.println("UP " + es.url());
            es.stop();
            es.restart();
            System.out.println("UP again " + es.url());
        }
    }
}
