package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.WorkloadAction;
import io.caspian.testing.Placements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job status read back from a cluster (fabric8 mock API server, CRUD mode) as workload lifecycle. */
class JobStatusReaderTest {

    private final MockCluster cluster = MockCluster.start();
    private final KubernetesClient client = cluster.client;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void readsRunningCompletedAndFailedAndSkipsJobsNotYetStarted() {
        create("running", new JobStatusBuilder().withActive(1).build());
        create("done", new JobStatusBuilder().withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
        create("broken", new JobStatusBuilder().withFailed(4)
                .addNewCondition().withType("Failed").withStatus("True").endCondition().build());
        create("waiting", null);
        // not CASPIAN's: no scheduled-by label
        client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).resource(new JobBuilder()
                .withNewMetadata().withName("someone-else").endMetadata()
                .withStatus(new JobStatusBuilder().withActive(1).build()).build()).create();

        assertThat(JobStatusReader.read(client, MockCluster.NAMESPACE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "running", WorkloadAction.RUNNING,
                "done", WorkloadAction.COMPLETED,
                "broken", WorkloadAction.FAILED));
    }

    private void create(String name, io.fabric8.kubernetes.api.model.batch.v1.JobStatus status) {
        Job job = WorkloadJobs.build(Placements.dispatched(name, 0, "carbon-kr", null, 1), MockCluster.NAMESPACE,
                MockCluster.SEED_IMAGES);
        job.setStatus(status);
        client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).resource(job).create();
    }
}
