package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.kafka.StreamingRuns;
import io.caspian.testing.OpenEndedSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run (the streaming job started with plain java, as the local stack does, from a config.yaml
 * that turns Flink's Prometheus reporter on and fixes the REST port) opens its listening sockets on
 * 127.0.0.1 only: every TCP socket this JVM starts listening on while the job runs is read from
 * /proc (Linux), so a listener bound to the wildcard address fails the test, whichever part opened it.
 */
class LocalListeningAddressesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path confDir;

    @Test
    void everyListeningSocketOfALocalRunIsOnTheLoopbackAddress() throws Exception {
        int restPort = freePort();
        int reporterPort = freePort();
        Files.writeString(confDir.resolve("config.yaml"), String.join("\n",
                "parallelism.default: 2",
                "restart-strategy.type: none",
                "rest.bind-port: " + restPort,
                "metrics.reporter.prom.factory.class: " + LocalEnvironments.FLINK_PROMETHEUS_FACTORY,
                "metrics.reporter.prom.port: " + reporterPort,
                ""));
        Set<ListeningSockets.Socket> before = ListeningSockets.ofThisProcess();

        StreamExecutionEnvironment env = StreamingJob.environment(confDir.toString());
        env.fromSource(OpenEndedSource.of("listening-addresses", List.of()), WatermarkStrategy.noWatermarks(), "open source")
                .sinkTo(new DiscardingSink<>()).name("discard");
        JobClient job = env.executeAsync("listening addresses");
        try {
            awaitRunning(job);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, "http://127.0.0.1:" + restPort + "/overview")).as("REST endpoint").contains("taskmanagers");
            assertThat(get(http, "http://127.0.0.1:" + reporterPort + "/metrics")).as("Prometheus reporter").contains("flink_");

            Set<ListeningSockets.Socket> opened = new HashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertThat(opened).as("sockets the local run listens on")
                    .extracting(ListeningSockets.Socket::port).contains(restPort, reporterPort);
            assertThat(opened).as("sockets the local run listens on, all on 127.0.0.1")
                    .allSatisfy(socket -> assertThat(socket.address()).as(socket.toString()).isEqualTo("127.0.0.1"));
        } finally {
            StreamingRuns.cancelAndWait(job);
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the job did not run within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
