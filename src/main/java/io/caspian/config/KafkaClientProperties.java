package io.caspian.config;

import java.util.Properties;

/**
 * The Kafka client settings every source and sink shares: the bootstrap servers and the verbatim
 * {@code kafka.properties} (security.protocol, sasl.*, ssl.*), whose {@code ${ENV}} secrets the loader
 * already resolved. The values are handed to the clients only, never printed: {@link #describe} names
 * the keys alone.
 */
public final class KafkaClientProperties {

    /** The broker's default {@code transaction.max.timeout.ms}; a longer transaction is refused. */
    public static final long MAX_TRANSACTION_TIMEOUT_MS = 900_000L;
    public static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";

    private KafkaClientProperties() {}

    public static Properties of(CaspianConfig.Kafka kafka) {
        Properties properties = new Properties();
        properties.putAll(kafka.properties());
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    /**
     * Producer settings of an exactly-once sink: the shared ones plus a transaction timeout that the
     * broker accepts (a configured one is kept when it is within the broker's maximum).
     */
    public static Properties forTransactionalProducer(CaspianConfig.Kafka kafka) {
        Properties properties = of(kafka);
        String configured = properties.getProperty(TRANSACTION_TIMEOUT);
        long timeout = configured == null ? MAX_TRANSACTION_TIMEOUT_MS : parseTimeout(configured);
        properties.setProperty(TRANSACTION_TIMEOUT, Long.toString(timeout));
        return properties;
    }

    private static long parseTimeout(String text) {
        long timeout;
        try {
            timeout = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("kafka.properties." + TRANSACTION_TIMEOUT + " must be milliseconds, got '" + text + "'");
        }
        if (timeout <= 0 || timeout > MAX_TRANSACTION_TIMEOUT_MS) {
            throw new ConfigException("kafka.properties." + TRANSACTION_TIMEOUT + " must be within 1.." + MAX_TRANSACTION_TIMEOUT_MS
                    + " (the broker's transaction.max.timeout.ms), got " + timeout);
        }
        return timeout;
    }

    /** For logs: the servers and the property names, never their values. */
    public static String describe(CaspianConfig.Kafka kafka) {
        return "bootstrap.servers=" + kafka.bootstrapServers() + ", client properties " + kafka.properties().keySet().stream().sorted().toList()
                + " (values hidden)";
    }
}
