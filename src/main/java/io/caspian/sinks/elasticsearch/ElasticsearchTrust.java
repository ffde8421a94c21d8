package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of every Elasticsearch client the job builds, from {@code elasticsearch.tls}: only the
 * named CA (a PEM file or a trust store) or, when none is named, the JVM's defaults. Host names are
 * still checked by the HTTP client. The files are read when the client is built, on the machine that
 * uses it, so a mounted secret that was rotated is picked up by the next client.
 */
public final class ElasticsearchTrust {

    private ElasticsearchTrust() {}

    /** The SSL context to use, or empty for the HTTP client's default (the JVM's trust store). */
    public static Optional<SSLContext> sslContext(CaspianConfig.ElasticsearchTls tls, Function<String, String> environment) {
        if (tls == null || !tls.customTrust()) {
            return Optional.empty();
        }
        KeyStore trusted = tls.caFile() != null ? fromPem(Path.of(tls.caFile())) : fromTrustStore(tls, environment);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
        }
    }

    /** Says where the trust comes from, for the log; never a password. */
    public static String describe(CaspianConfig.ElasticsearchTls tls) {
        if (tls == null || !tls.customTrust()) {
            return "JVM default trust store";
        }
        return tls.caFile() != null ? "CA certificates of " + tls.caFile()
                : "trust store " + tls.truststorePath() + " (password from $" + tls.truststorePasswordEnv() + ")";
    }

    private static KeyStore fromPem(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("elasticsearch.tls.ca-file " + file + " does not exist", e);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("elasticsearch.tls.ca-file " + file + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("elasticsearch.tls.ca-file " + file + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the CA certificates of " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore fromTrustStore(CaspianConfig.ElasticsearchTls tls, Function<String, String> environment) {
        Path file = Path.of(tls.truststorePath());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("elasticsearch.tls.truststore-path " + file + " does not exist");
        }
        String password = environment.apply(tls.truststorePasswordEnv());
        char[] secret = password == null ? null : password.toCharArray();
        try {
            // the type (PKCS12 or JKS) is recognised from the file itself
            return KeyStore.getInstance(file.toFile(), secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trust store elasticsearch.tls.truststore-path " + file
                    + (password == null ? " ($" + tls.truststorePasswordEnv() + " is not set)" : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reason in words when the failure is the server's certificate not being trusted (an unknown CA,
     * or a name it was not issued for): waiting does not heal it, so the caller should stop with it.
     */
    public static Optional<String> untrustedServer(Throwable error, CaspianConfig.Elasticsearch config) {
        // the JDK wraps the path failure in a CertificateException: look for the most telling cause first
        if (cause(error, CertPathBuilderException.class) || cause(error, CertPathValidatorException.class)) {
            return Optional.of("the certificate of Elasticsearch at " + config.url() + " is not signed by a trusted CA (trusting: "
                    + describe(config.tls()) + "); set elasticsearch.tls.ca-file to the cluster's CA, for ECK the ca.crt of"
                    + " the secret <cluster>-es-http-certs-public");
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLPeerUnverifiedException) {
                return Optional.of("the certificate of Elasticsearch at " + config.url() + " was not issued for that host name ("
                        + t.getMessage() + "); use a host name the certificate names, such as ECK's <cluster>-es-http.<namespace>.svc");
            }
            if (t instanceof CertificateException) {
                return Optional.of("the certificate of Elasticsearch at " + config.url() + " was refused (" + t.getMessage()
                        + "; trusting: " + describe(config.tls()) + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean cause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
