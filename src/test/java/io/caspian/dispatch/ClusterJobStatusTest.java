package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.functions.ClusterJobStatus;
import io.caspian.testing.Placements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status poller reports each change of a Job once, off the task thread, and forgets a deleted cluster with its timer. */
class ClusterJobStatusTest {

    private static final long INTERVAL = 1000;
    private static final Resources CAPACITY = new Resources(96, 384, 0);

    private final MockCluster cluster = MockCluster.start();
    private final KubernetesClient client = cluster.client;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void reportsEachChangeOnceAndStopsWhenTheClusterIsDeleted() throws Exception {
        ClusterClients toMock = MockCluster.clients(Map.of("kind-carbon-kr", cluster.url()));
        try (KeyedOneInputStreamOperatorTestHarness<String, Cluster, WorkloadEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                        new ClusterJobStatus(toMock, MockCluster.NAMESPACE, INTERVAL)), Cluster::name, Types.STRING)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(cluster(ClusterStatus.READY), 0);
            Job job = WorkloadJobs.build(Placements.dispatched("job-a", 0, "carbon-kr", null, 1), MockCluster.NAMESPACE,
                MockCluster.SEED_IMAGES);
            job.setStatus(new JobStatusBuilder().withActive(1).build());
            client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).resource(job).create();

            harness.setProcessingTime(INTERVAL);
            awaitOutput(harness, 1);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.jobId()).isEqualTo("job-a");
                assertThat(e.action()).isEqualTo(WorkloadAction.RUNNING);
                assertThat(e.cluster()).isEqualTo("carbon-kr");
                assertThat(e.timestampMillis()).as("the poll's start").isEqualTo(INTERVAL);
            });

            job.setStatus(new JobStatusBuilder().withSucceeded(1)
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
            client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).resource(job).updateStatus();
            awaitOutput(harness, 2);
            assertThat(harness.extractOutputValues()).extracting(WorkloadEvent::action)
                    .containsExactly(WorkloadAction.RUNNING, WorkloadAction.COMPLETED);

            harness.processElement(cluster(ClusterStatus.DELETED), harness.getProcessingTime());
            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    /**
     * The list call runs off the task thread: moves processing time on by the answer check while the
     * answer is on its way, until {@code count} reports are out (or a deadline).
     */
    private static void awaitOutput(KeyedOneInputStreamOperatorTestHarness<String, Cluster, WorkloadEvent> harness, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (harness.extractOutputValues().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " reports: " + harness.extractOutputValues());
            }
            Thread.sleep(10);
            harness.setProcessingTime(harness.getProcessingTime() + ClusterJobStatus.ANSWER_CHECK_MILLIS);
        }
    }

    private static Cluster cluster(ClusterStatus status) {
        return new Cluster("carbon-kr", "KR", CAPACITY, CAPACITY, "kind-carbon-kr", status, 0);
    }
}
