package io.caspian.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real broker per test class: started before its first test, closed after its last. */
public abstract class WithKafkaBroker {

    protected static KafkaTestBroker broker;

    @BeforeAll
    protected static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    protected static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
