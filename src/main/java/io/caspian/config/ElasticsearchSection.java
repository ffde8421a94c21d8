package io.caspian.config;

import io.caspian.config.CaspianConfig.IndexMode;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;

/** Binds the {@code elasticsearch:} section; kept apart so the loader stays readable. */
final class ElasticsearchSection {

    private static final String NAME = "elasticsearch";

    private ElasticsearchSection() {}

    static CaspianConfig.Elasticsearch bind(ConfigLoader.Section section) {
        String url = section.string("url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException(NAME + ".url must start with http:// or https://, got '" + url + "'");
        }
        String prefix = section.string("index-prefix");
        if (!prefix.equals(prefix.toLowerCase(Locale.ROOT)) || prefix.matches(".*[\\\\/*?\"<>| ,#:].*")) {
            throw new ConfigException(NAME + ".index-prefix must be a lower-case index name, got '" + prefix + "'");
        }
        return new CaspianConfig.Elasticsearch(
                section.bool("enabled"),
                section.bool("separate-indexer"),
                url,
                prefix,
                indexMode(section.string("index-mode")),
                section.string("api-key-env"),
                section.string("username-env"),
                section.string("password-env"),
                positiveInt(section, "max-batch-size"),
                bytes(section, "max-batch-bytes"),
                positiveInt(section, "max-in-flight"),
                positiveInt(section, "max-buffered"),
                section.positiveDuration("max-time-in-buffer"),
                bytes(section, "max-document-bytes"),
                section.positiveDuration("retry-initial-backoff"),
                section.positiveDuration("retry-max-backoff"),
                section.positiveDuration("request-timeout"),
                tls(section.nested("tls"), url));
    }

    /**
     * There is deliberately no way to switch certificate or host name checks off: a cluster with its
     * own CA (ECK's self-signed one) is trusted by naming that CA.
     */
    private static CaspianConfig.ElasticsearchTls tls(ConfigLoader.Section tls, String url) {
        String caFile = tls.optionalString("ca-file");
        String truststore = tls.optionalString("truststore-path");
        if (caFile != null && truststore != null) {
            throw new ConfigException(NAME + ".tls.ca-file and " + NAME + ".tls.truststore-path are alternatives; set one of them");
        }
        if ((caFile != null || truststore != null) && !url.startsWith("https://")) {
            throw new ConfigException(NAME + ".tls names a CA to trust, but " + NAME + ".url '" + url
                    + "' is not https://; the CA would never be used");
        }
        return new CaspianConfig.ElasticsearchTls(caFile, truststore, tls.string("truststore-password-env"));
    }

    private static IndexMode indexMode(String text) {
        try {
            return IndexMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(NAME + ".index-mode must be 'daily' or 'rollover', got '" + text + "'");
        }
    }

    private static int positiveInt(ConfigLoader.Section section, String key) {
        long value = section.longValue(key);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new ConfigException(NAME + "." + key + " must be a positive whole number, got " + value);
        }
        return (int) value;
    }

    private static long bytes(ConfigLoader.Section section, String key) {
        String text = section.string(key);
        try {
            long value = MemorySize.parse(text).getBytes();
            if (value <= 0) {
                throw new ConfigException(NAME + "." + key + " must be positive, got '" + text + "'");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(NAME + "." + key + " must be a size such as '5mb', got '" + text + "'");
        }
    }
}
