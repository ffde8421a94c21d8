package io.caspian.sinks.elasticsearch;

import io.caspian.kafka.KafkaTestBroker;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real broker and a real Elasticsearch node per test class, for the tests of the indexer that reads
 * the job's topics into Elasticsearch: started before the first test, closed after the last.
 */
abstract class WithBrokerAndElasticsearch {

    static KafkaTestBroker broker;
    static EmbeddedElasticsearch es;
    static EsHttp http;

    @BeforeAll
    static void startBrokerAndNode() throws Exception {
        broker = KafkaTestBroker.start();
        es = EmbeddedElasticsearch.start();
        http = new EsHttp(es.url());
    }

    @AfterAll
    static void stopBrokerAndNode() throws Exception {
        // the client before the node, the node before the broker; whatever started is closed
        for (AutoCloseable started : Arrays.asList(http, es, broker)) {
            if (started != null) {
                started.close();
            }
        }
        http = null;
        es = null;
        broker = null;
    }
}
