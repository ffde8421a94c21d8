package io.caspian.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate it signed for {@code localhost} / {@code 127.0.0.1}, made
 * with the JDK's {@code keytool}, as a cluster's own CA (ECK's, Strimzi's) would issue them:
 *
 * <ul>
 *   <li>{@link #caPem()}: the CA certificate, PEM (what ECK publishes as {@code ca.crt});
 *   <li>{@link #truststore()}: the CA certificate in a PKCS12 trust store;
 *   <li>{@link #serverKeystore()}: the server's key and certificate chain, PKCS12.
 * </ul>
 *
 * All stores use {@link #PASSWORD}. A second instance is another CA, which the first one's clients
 * must not trust.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-secret";
    public static final String SERVER_ALIAS = "server";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA named {@code caName} and a server certificate it signed, in {@code dir}. About 2 s. */
    public static TestCertificates create(Path dir, String caName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates certs = new TestCertificates(dir);
        Path ca = dir.resolve("ca.p12");
        Path server = certs.serverKeystore();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-file", certs.caPem().toString(), "-keystore", ca.toString(),
                "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", SERVER_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path request = dir.resolve("server.csr");
        keytool("-certreq", "-alias", SERVER_ALIAS, "-file", request.toString(), "-keystore", server.toString(), "-storepass", PASSWORD);
        Path signed = dir.resolve("server.pem");
        keytool("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile", signed.toString(), "-rfc",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "ku:c=digitalSignature,keyEncipherment", "-ext", "eku=serverAuth,clientAuth",
                "-validity", "2", "-keystore", ca.toString(), "-storepass", PASSWORD);
        // the CA first, so that the signed certificate's chain can be completed on import
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certs.caPem().toString(), "-keystore", server.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", SERVER_ALIAS, "-file", signed.toString(), "-keystore", server.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certs.caPem().toString(), "-keystore",
                certs.truststore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return certs;
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
