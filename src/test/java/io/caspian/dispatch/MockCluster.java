package io.caspian.dispatch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A workload cluster for the tests: a fabric8 mock API server in CRUD mode, answering expectations
 * (injected errors) first, and a client to it without the client's own retries. The mock server has no
 * Job controller; {@link #startJobs} plays its part: every Job created from then on is given a running
 * pod (status {@code active: 1} and a {@code startTime}) a moment later, as a cluster would start it.
 */
final class MockCluster implements AutoCloseable {

    static final String NAMESPACE = "caspian-workloads";
    static final String JOBS_PATH = "/apis/batch/v1/namespaces/" + NAMESPACE + "/jobs";
    /** The images of the seed scenario: its migration test and its background workloads. */
    static final ImageAllowlist SEED_IMAGES = ImageAllowlist.of("python:3.11-slim", "busybox:1.36");

    final KubernetesMockServer server;
    final KubernetesClient client;
    private volatile Thread controller;

    private MockCluster(KubernetesMockServer server) {
        this.server = server;
        Config config;
        try (KubernetesClient plain = server.createClient()) {
            config = ClusterClients.withoutClientRetries(plain.getConfiguration());
        }
        this.client = server.createClient(builder -> builder.withConfig(config));
    }

    static MockCluster start() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        return new MockCluster(server);
    }

    /** From now on, starts each new Job (status active 1, startTime now) within about {@code delayMillis}. */
    MockCluster startJobs(long delayMillis) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(delayMillis);
                    for (Job job : client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()) {
                        if (job.getStatus() == null || job.getStatus().getStartTime() == null) {
                            job.setStatus(new JobStatusBuilder().withActive(1).withStartTime(Instant.now().toString()).build());
                            client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // deleted meanwhile, or the server is going away: the next pass sees
                }
            }
        }, "mock-job-controller");
        thread.setDaemon(true);
        thread.start();
        controller = thread;
        return this;
    }

    /** Marks a Job finished, as its cluster would when its pod succeeds or fails. */
    void finish(String jobId, boolean succeeded) {
        for (Job job : client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()) {
            if (JobStatusReader.jobId(job).equals(jobId)) {
                job.setStatus(new JobStatusBuilder().withActive(0).withStartTime(Instant.now().toString())
                        .addNewCondition().withType(succeeded ? "Complete" : "Failed").withStatus("True").endCondition().build());
                client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
            }
        }
    }

    String url() {
        return client.getMasterUrl().toString();
    }

    List<String> jobNames() {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).toList();
    }

    /** The job_ids of the Jobs in the namespace, one per Job (a Job's name is the job_id and a hash). */
    List<String> jobIds() {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .map(JobStatusReader::jobId).toList();
    }

    /**
     * Serializable clients for Flink functions: each kubeconfig context reaches the mock server at its URL,
     * with the default {@code kubernetes.request-timeout} (10 s).
     */
    static ClusterClients clients(Map<String, String> urlByContext) {
        return clients(urlByContext, Duration.ofSeconds(10));
    }

    /** The same, with {@code requestTimeout} applied as the job applies it to a kubeconfig context. */
    static ClusterClients clients(Map<String, String> urlByContext, Duration requestTimeout) {
        Map<String, String> urls = Map.copyOf(urlByContext);
        return context -> new KubernetesClientBuilder().withConfig(ClusterClients.withoutClientRetries(ClusterClients.withTimeout(
                new ConfigBuilder(Config.empty()).withMasterUrl(urls.get(context)).build(), requestTimeout))).build();
    }

    @Override
    public void close() {
        Thread thread = controller;
        if (thread != null) {
            thread.interrupt();
        }
        client.close();
        server.destroy();
    }
}
