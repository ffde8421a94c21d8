package io.caspian.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter, serving {@code /metrics} on one address instead of every interface.
 * Flink's own {@code PrometheusReporterFactory} always binds the wildcard address and has no host
 * option; local runs and tests use this one ({@code metrics.reporter.prom.factory.class:
 * io.caspian.metrics.BoundPrometheusReporterFactory}, {@code metrics.reporter.prom.host}, default
 * {@value #DEFAULT_HOST}; {@code metrics.reporter.prom.port}, a port or a range as for Flink's). The
 * exposition is Flink's: the same metric names, labels and types.
 */
public final class BoundPrometheusReporterFactory implements MetricReporterFactory {

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9249";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new BoundPrometheusReporter(properties.getProperty(HOST, DEFAULT_HOST),
                new PortRange(properties.getProperty(PORT, DEFAULT_PORT)));
    }

    /** Flink's collectors (from {@link AbstractPrometheusReporter}), served by an HTTP server on one address. */
    static final class BoundPrometheusReporter extends AbstractPrometheusReporter {

        private final HTTPServer server;

        BoundPrometheusReporter(String host, PortRange ports) {
            CollectorRegistry registry = registry();
            HTTPServer started = null;
            IOException last = null;
            for (Iterator<Integer> it = ports.getPortsIterator(); it.hasNext() && started == null; ) {
                int port = it.next();
                try {
                    started = new HTTPServer(new InetSocketAddress(host, port), registry, true);
                    log.info("Started the Prometheus reporter's HTTP server on {}:{}.", host, port);
                } catch (IOException e) {
                    last = e; // taken: try the next port of the range
                }
            }
            if (started == null) {
                throw new IllegalStateException("could not start the Prometheus reporter on " + host + ", ports " + ports, last);
            }
            server = started;
        }

        @Override
        public void close() {
            server.stop();
            super.close();
        }

        /** The registry Flink's reporter fills; package-private in Flink, so read reflectively. */
        private CollectorRegistry registry() {
            try {
                Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
                field.setAccessible(true);
                return (CollectorRegistry) field.get(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this flink-metrics-prometheus has no registry field to serve", e);
            }
        }
    }
}
