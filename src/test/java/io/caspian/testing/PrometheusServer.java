package io.caspian.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) started by a test on 127.0.0.1 with a
 * scrape configuration the test writes, queried over its HTTP API, and stopped by its process. Missing
 * locally it skips the test; on CI ({@code CI=true}, whose {@code .ci/run} installs it) it fails.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("caspian.prometheus", "/usr/bin/prometheus"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the test when Prometheus is not installed, fails it on CI. */
    public static void require() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String missing = BINARY + " is not installed (Debian package prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + ", and CI must run this test");
        }
        assumeTrue(false, missing + ": test not run");
    }

    /** Starts Prometheus with {@code config} (a prometheus.yml) in {@code work}, and waits until it is ready. */
    public static PrometheusServer start(String config, Path work) throws Exception {
        require();
        Path file = work.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = freePort();
        Path log = work.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + file, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!server.ready()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                server.close();
                throw new IllegalStateException("Prometheus did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The result vector of an instant query ({@code data.result}), evaluated now. */
    public JsonNode query(String promql) throws Exception {
        String url = base() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(promql + ": " + response.body());
        }
        return body.path("data").path("result");
    }

    /** The single value of a query that returns one sample, or NaN when it returns none. */
    public double value(String promql) throws Exception {
        JsonNode result = query(promql);
        if (result.isEmpty()) {
            return Double.NaN;
        }
        if (result.size() > 1) {
            throw new IllegalStateException(promql + " returned " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
