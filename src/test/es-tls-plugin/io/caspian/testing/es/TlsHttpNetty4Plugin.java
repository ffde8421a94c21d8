package io.caspian.testing.es;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.elasticsearch.common.network.NetworkService;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.ssl.DefaultJdkTrustConfig;
import org.elasticsearch.common.ssl.EmptyKeyConfig;
import org.elasticsearch.common.ssl.SslClientAuthenticationMode;
import org.elasticsearch.common.ssl.SslConfiguration;
import org.elasticsearch.common.ssl.SslVerificationMode;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.common.util.PageCacheRecycler;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.elasticsearch.http.HttpPreRequest;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.http.netty4.Netty4HttpServerTransport;
import org.elasticsearch.indices.breaker.CircuitBreakerService;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.telemetry.tracing.Tracer;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.elasticsearch.transport.netty4.SharedGroupFactory;
import org.elasticsearch.transport.netty4.TLSConfig;
import org.elasticsearch.xcontent.NamedXContentRegistry;

/**
 * The netty4 module as the test node loads it, with one addition: when the node setting
 * {@code caspian.test.http.tls.keystore} names a PKCS12 key store, the HTTP layer serves TLS with that
 * key and certificate chain. Elasticsearch's own HTTPS comes with x-pack security, which the minimal
 * node started by the tests does not have; the netty transport underneath is the same one x-pack
 * plugs its TLS into (a {@link TLSConfig}). Without the setting this is the plain module.
 *
 * <p>Not compiled by Maven: {@code EmbeddedElasticsearch} compiles it against the module's jars and
 * puts it beside them, because those jars must stay off the test class path.
 */
public class TlsHttpNetty4Plugin extends Netty4Plugin {

    static final Setting<String> KEYSTORE = Setting.simpleString("caspian.test.http.tls.keystore", Setting.Property.NodeScope);
    static final Setting<String> PASSWORD = Setting.simpleString("caspian.test.http.tls.password", Setting.Property.NodeScope);

    @Override
    public List<Setting<?>> getSettings() {
        List<Setting<?>> settings = new ArrayList<>(super.getSettings());
        settings.add(KEYSTORE);
        settings.add(PASSWORD);
        return settings;
    }

    @Override
    public Map<String, Supplier<HttpServerTransport>> getHttpTransports(Settings settings, ThreadPool threadPool, BigArrays bigArrays,
            PageCacheRecycler pageCacheRecycler, CircuitBreakerService circuitBreakerService, NamedXContentRegistry xContentRegistry,
            NetworkService networkService, HttpServerTransport.Dispatcher dispatcher,
            BiConsumer<HttpPreRequest, ThreadContext> perRequestThreadContext, ClusterSettings clusterSettings, Tracer tracer) {
        String keystore = KEYSTORE.get(settings);
        if (keystore.isEmpty()) {
            return super.getHttpTransports(settings, threadPool, bigArrays, pageCacheRecycler, circuitBreakerService, xContentRegistry,
                    networkService, dispatcher, perRequestThreadContext, clusterSettings, tracer);
        }
        SSLContext context = serverContext(Path.of(keystore), PASSWORD.get(settings).toCharArray());
        // the configuration only has to say "TLS on": the engine below carries the key material
        SslConfiguration on = new SslConfiguration("caspian.test.http.tls", true, DefaultJdkTrustConfig.DEFAULT_INSTANCE,
                EmptyKeyConfig.INSTANCE, SslVerificationMode.FULL, SslClientAuthenticationMode.NONE,
                List.of(context.getDefaultSSLParameters().getCipherSuites()), List.of("TLSv1.3", "TLSv1.2"));
        TLSConfig tls = new TLSConfig(on, (configuration, host, port) -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        });
        SharedGroupFactory groups = sharedGroups(settings);
        return Map.of(NETTY_HTTP_TRANSPORT_NAME, () -> new Netty4HttpServerTransport(settings, networkService, threadPool,
                xContentRegistry, dispatcher, clusterSettings, groups, tracer, tls, null, null) {
            @Override
            protected void populatePerRequestThreadContext(RestRequest request, ThreadContext threadContext) {
                perRequestThreadContext.accept(request.getHttpRequest(), threadContext);
            }
        });
    }

    /** The module's event loops are shared by its transports; the accessor is private, so reach it by reflection. */
    private SharedGroupFactory sharedGroups(Settings settings) {
        try {
            Method method = Netty4Plugin.class.getDeclaredMethod("getSharedGroupFactory", Settings.class);
            method.setAccessible(true);
            return (SharedGroupFactory) method.invoke(this, settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the netty4 module's event loops", e);
        }
    }

    private static SSLContext serverContext(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test node's TLS key store " + keystore, e);
        }
    }
}
