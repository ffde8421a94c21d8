package io.caspian.sinks.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import io.caspian.testing.TestCertificates;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * A real Elasticsearch 8 node in the test JVM, on a free port and a temporary home. It can be stopped
 * and started again on the same port and data path, which is how the outage test takes it away.
 *
 * <p>The HTTP transport is the netty4 module, which Maven copies into {@code target/es-modules}
 * (system property {@code caspian.es.modules.dir}); its jars must not be on the class path.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private final String clusterName = "caspian-test-" + UUID.randomUUID();
    private final TestCertificates tls;
    private Node node;

    private EmbeddedElasticsearch(Path home, int port, TestCertificates tls) {
        this.home = home;
        this.port = port;
        this.tls = tls;
    }

    /** Starts a node in a fresh temporary home on a free port. */
    public static EmbeddedElasticsearch start() throws Exception {
        EmbeddedElasticsearch es = new EmbeddedElasticsearch(Files.createTempDirectory("caspian-es"), freePort(), null);
        es.startNode();
        return es;
    }

    /**
     * Starts a node that serves HTTPS only, with the server certificate {@code certs} issued for
     * 127.0.0.1 (see {@code src/test/es-tls-plugin}).
     */
    public static EmbeddedElasticsearch startTls(TestCertificates certs) throws Exception {
        EmbeddedElasticsearch es = new EmbeddedElasticsearch(Files.createTempDirectory("caspian-es"), freePort(), certs);
        es.startNode();
        return es;
    }

    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the node, keeping its data for {@link #restart()}. */
    public synchronized void stop() throws IOException {
        if (node != null) {
            node.close();
            try {
                node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            node = null;
        }
    }

    /** Starts the node again on the same port and data path. */
    public synchronized void restart() throws Exception {
        startNode();
    }

    static {
        // the server's logging facade needs its provider; the test's log4j configuration stays in charge
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    private synchronized void startNode() throws Exception {
        Path modules = modulesDir();
        Files.createDirectories(home.resolve("config"));
        Settings.Builder settings = Settings.builder()
                .put("cluster.name", clusterName)
                .put("node.name", "caspian-test")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                .put("transport.port", 0)
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                // the test machine's disk may be nearly full; shards must still be allocated
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", true);
        if (tls != null) {
            settings.put("caspian.test.http.tls.keystore", tls.serverKeystore().toString())
                    .put("caspian.test.http.tls.password", TestCertificates.PASSWORD);
        }
        PluginsLoader plugins = loadModules(modules);
        node = new RestartableNode(new Environment(settings.build(), home.resolve("config")), plugins);
        node.start();
        awaitGreen();
    }

    /**
     * One module loader for every node of the JVM (restarts and later test classes). The module's
     * transport registers a netty channel attribute in a static initialiser, and netty resolves
     * parent-first from the class path when another dependency (the Kubernetes client's Vert.x) puts
     * it there; a second loader would initialise the transport again against the same netty and fail
     * with "'es-channel' is already in use".
     */
    private static PluginsLoader pluginsLoader;

    /**
     * Loads the netty module. Elasticsearch refuses a module when any class appears twice on the
     * whole class path ("jar hell"); a test class path with Flink on it always has such pairs
     * (Flink's shaded Jackson carries snakeyaml's multi-release classes unrelocated). The check is
     * meant for a distribution's own class path, so it is shown only the server jar while the module
     * loads; the module's own jars are still checked against each other.
     */
    private static synchronized PluginsLoader loadModules(Path modules) throws Exception {
        if (pluginsLoader != null) {
            return pluginsLoader;
        }
        String classPath = System.getProperty("java.class.path");
        String serverJar = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        System.setProperty("java.class.path", serverJar);
        try {
            pluginsLoader = PluginsLoader.createPluginsLoader(PluginsLoader.loadModulesBundles(modules), Set.of(), Map.of(), false);
            return pluginsLoader;
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    private void awaitGreen() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (status("/_cluster/health?wait_for_status=yellow&timeout=5s") == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Elasticsearch did not come up within " + START_TIMEOUT);
    }

    private int status(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(trustingTestCa().getSocketFactory());
        }
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(10_000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** What the node's own readiness check trusts: the test CA of a TLS node. */
    private SSLContext trustingTestCa() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(tls.truststore().toFile(), TestCertificates.PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static Path modulesDir() throws IOException {
        String dir = System.getProperty("caspian.es.modules.dir", "target/es-modules");
        Path netty = Path.of(dir, "transport-netty4");
        if (!Files.isDirectory(netty)) {
            throw new IllegalStateException(netty + " is missing: run the build through Maven (generate-test-resources)");
        }
        TlsModulePlugin.installInto(netty);
        // the descriptor that an Elasticsearch distribution ships beside the module's jars; every node of
        // the JVM shares one module loader, so the module is always loaded through the plugin that can
        // also serve TLS (plain unless a node asks for TLS)
        Files.writeString(netty.resolve("plugin-descriptor.properties"), String.join("\n",
                "name=transport-netty4",
                "description=Netty 4 based transport implementation",
                "version=" + org.elasticsearch.Version.CURRENT,
                "elasticsearch.version=" + org.elasticsearch.Version.CURRENT,
                "java.version=17",
                "classname=" + TlsModulePlugin.CLASS_NAME,
                "extended.plugins=",
                "has.native.controller=false",
                ""), StandardCharsets.UTF_8);
        return Path.of(dir);
    }

    /**
     * The node id listener only feeds log lines with the node and cluster ids, through a JVM-wide
     * set-once holder; a second node in the same JVM (the restart) would fail on it.
     */
    private static final class RestartableNode extends Node {
        RestartableNode(Environment environment, PluginsLoader plugins) {
            super(environment, plugins);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(org.elasticsearch.cluster.service.ClusterService clusterService) {
            // left out on purpose, see the class comment
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        deleteRecursively(home);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
