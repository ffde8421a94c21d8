package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import io.caspian.testing.Placements;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against two fabric8 mock API servers in CRUD mode, one per cluster. */
class JobDispatcherTest {

    private static final String NAMESPACE = MockCluster.NAMESPACE;
    private static final String JOBS_PATH = MockCluster.JOBS_PATH;
    private static final long ROUND = 1_761_120_300_000L;
    private static final long STARTS_AFTER_MILLIS = 300;

    private MockCluster kr;
    private MockCluster jp;
    private KubernetesClient krClient;
    private KubernetesClient jpClient;
    private JobDispatcher dispatcher;

    @BeforeEach
    void start() {
        kr = MockCluster.start();
        // the target of the moves starts its Jobs, as a cluster's Job controller would
        jp = MockCluster.start().startJobs(STARTS_AFTER_MILLIS);
        krClient = kr.client;
        jpClient = jp.client;
        Map<String, KubernetesClient> byContext = Map.of("kind-carbon-kr", krClient, "kind-carbon-jp", jpClient);
        dispatcher = new JobDispatcher(byContext::get, NAMESPACE, new Retry(3, Duration.ofMillis(10)), MockCluster.SEED_IMAGES);
    }

    @AfterEach
    void stop() {
        kr.close();
        jp.close();
    }

    @Test
    void createsTheJobTheWaySeedDid() throws Exception {
        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(
                Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 1234.567), "kind-carbon-kr", null, null));

        assertThat(outcomes).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.CREATED);
        Job job = job(krClient, "migration-test");
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app", "caspian-workload", "job-id", "migration-test", "scheduled-by", "caspian"));
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry(WorkloadJobs.TARGET_CLUSTER_ANNOTATION, "carbon-kr")
                .containsEntry(WorkloadJobs.ESTIMATED_CO2_ANNOTATION, "1234.57")
                .containsEntry(WorkloadJobs.JOB_ID_ANNOTATION, "migration-test")
                .containsEntry(WorkloadJobs.SUBMITTED_AT_ANNOTATION, "2025-10-22T08:00:00Z");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("python:3.11-slim");
        assertThat(container.getCommand()).containsExactly("python", "train.py");
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("16"), "memory", new Quantity("64", "G"));
        assertThat(container.getResources().getRequests()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(container.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(jpClient.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    void theJobMeetsPodSecurityRestrictedAndStopsAtTheDeadline() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));

        // read back from the API server: what the cluster stores, not what the builder returned
        Job job = job(krClient, "migration-test");
        // the seed's deadline is 16:00, the round 08:05: 7 h 55 min left
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo((Placements.DEADLINE_MILLIS - ROUND) / 1000)
                .isEqualTo(28_500L);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            SecurityContext security = c.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getPrivileged()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        });
    }

    @Test
    void gpusAreRequestedAndLimitedAsNvidiaGpus() throws Exception {
        Placement seed = Placements.dispatched("gpu-train", ROUND, "carbon-kr", null, 900);
        WorkloadSpec gpuSpec = new WorkloadSpec(4, 1.5, 2, 0, 60, 480, List.of(), "python:3.11-slim", List.of("python"), null);
        dispatcher.dispatch(new DispatchRequest(withSpec(seed, gpuSpec), "kind-carbon-kr", null, null));

        var resources = job(krClient, "gpu-train")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("4"), "memory", new Quantity("1.5", "G"),
                "nvidia.com/gpu", new Quantity("2"));
        assertThat(resources.getRequests()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(resources.getLimits()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void anImageOffTheAllowlistIsRefusedAndNoJobCreated() throws Exception {
        Placement seed = Placements.dispatched("miner", ROUND, "carbon-kr", null, 900);
        WorkloadSpec mining = new WorkloadSpec(16, 64, 0, 0, 240, 480, List.of(), "docker.io/evil/miner:1", List.of("mine"),
                null);

        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(withSpec(seed, mining), "kind-carbon-kr",
                null, null));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.reason()).isEqualTo(WorkloadJobs.IMAGE_NOT_ALLOWED);
            assertThat(o.attempts()).as("refused before any API call").isZero();
            assertThat(o.error()).contains("docker.io/evil/miner:1").contains("python:3.11-slim").contains("busybox:1.36");
        });
        assertThat(kr.jobIds()).isEmpty();
    }

    @Test
    void anEmptyAllowlistAdmitsNoImage() throws Exception {
        JobDispatcher closed = new JobDispatcher(Map.of("kind-carbon-kr", krClient)::get, NAMESPACE,
                new Retry(3, Duration.ofMillis(10)), new ImageAllowlist(List.of()));
        List<DispatchOutcome> outcomes = closed.dispatch(new DispatchRequest(
                Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900), "kind-carbon-kr", null, null));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.reason()).isEqualTo(WorkloadJobs.IMAGE_NOT_ALLOWED);
            assertThat(o.error()).contains("python:3.11-slim").contains("empty");
        });
        assertThat(kr.jobIds()).isEmpty();
    }

    @Test
    void aMoveToARefusedPlaceKeepsTheSourceJob() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));
        Placement late = Placements.dispatched("migration-test", Placements.DEADLINE_MILLIS, "carbon-jp", "carbon-kr", 600)
                .withMigration("carbon-kr", Placements.DEADLINE_MILLIS);

        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(late, "kind-carbon-jp", "carbon-kr",
                "kind-carbon-kr"));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.reason()).isEqualTo(WorkloadJobs.DEADLINE_PASSED));
        assertThat(jp.jobIds()).isEmpty();
        assertThat(kr.jobIds()).containsExactly("migration-test");
    }

    @Test
    void migrationLeavesTheJobOnTheTargetOnly() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));

        List<DispatchOutcome> outcomes = dispatcher.dispatch(migration());

        assertThat(outcomes).extracting(DispatchOutcome::cluster, DispatchOutcome::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("carbon-jp", DispatchOutcome.CREATED),
                org.assertj.core.groups.Tuple.tuple("carbon-kr", DispatchOutcome.DELETED),
                org.assertj.core.groups.Tuple.tuple("carbon-jp", DispatchOutcome.MIGRATION_COMPLETE));
        assertThat(jp.jobIds()).containsExactly("migration-test");
        assertThat(kr.jobIds()).isEmpty();
    }

    @Test
    void aMoveDeletesTheSourceOnlyOnceTheTargetRunsAndIsMeasured() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));
        long before = System.currentTimeMillis();

        List<DispatchOutcome> outcomes = dispatcher.dispatch(migration());

        DispatchOutcome.MoveTimes times = outcomes.get(outcomes.size() - 1).moveTimes();
        assertThat(times).isNotNull();
        assertThat(times.requestedMillis()).isGreaterThanOrEqualTo(before);
        // the mock cluster starts a Job some 300 ms after its creation: the move waited for it
        assertThat(times.targetRunningMillis() - times.requestedMillis()).isGreaterThanOrEqualTo(STARTS_AFTER_MILLIS / 2);
        assertThat(times.sourceStoppedMillis()).as("the source is deleted after the target runs")
                .isGreaterThanOrEqualTo(times.targetRunningMillis());
        assertThat(times.migrationSeconds()).isBetween(0.15, 10.0);
        assertThat(times.downtimeSeconds()).as("make before break: it ran somewhere throughout").isZero();
        Job target = job(jpClient, "migration-test");
        assertThat(target.getStatus().getActive()).isEqualTo(1);
        assertThat(kr.jobIds()).isEmpty();
    }

    @Test
    void aMoveWhoseTargetDoesNotRunKeepsTheSourceAndRemovesTheTarget() throws Exception {
        try (MockCluster idle = MockCluster.start()) {
            Map<String, KubernetesClient> byContext = Map.of("kind-carbon-kr", krClient, "kind-carbon-jp", idle.client);
            JobDispatcher patient = new JobDispatcher(byContext::get, NAMESPACE, new Retry(3, Duration.ofMillis(10)),
                    MockCluster.SEED_IMAGES, Duration.ofMillis(600), System::currentTimeMillis);
            patient.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                    "kind-carbon-kr", null, null));

            List<DispatchOutcome> outcomes = patient.dispatch(migration());

            assertTargetCreatedThenTakenBack(outcomes, DispatchOutcome.TARGET_NOT_RUNNING);
            assertThat(outcomes.get(1).error()).contains("did not run on carbon-jp within PT0.6S")
                    .contains("the source's Job on carbon-kr is kept");
            assertThat(idle.jobIds()).as("the target's Job is removed again").isEmpty();
            assertThat(kr.jobIds()).as("the workload keeps running where it was").containsExactly("migration-test");
        }
    }

    @Test
    void aMoveWhoseSourceCompletedFirstIsMootAndTheTargetJobDeleted() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));
        Job source = job(krClient, "migration-test");
        source.setStatus(new JobStatusBuilder().withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
        krClient.batch().v1().jobs().inNamespace(NAMESPACE).resource(source).updateStatus();

        List<DispatchOutcome> outcomes = dispatcher.dispatch(migration());

        assertTargetCreatedThenTakenBack(outcomes, DispatchOutcome.SOURCE_FINISHED);
        assertThat(jp.jobIds()).isEmpty();
        assertThat(kr.jobIds()).as("its completion stands").containsExactly("migration-test");
    }

    /** A move given up: its target's Job on carbon-jp created, the move failed for {@code reason}, the Job deleted again. */
    private static void assertTargetCreatedThenTakenBack(List<DispatchOutcome> outcomes, String reason) {
        assertThat(outcomes).extracting(DispatchOutcome::cluster, DispatchOutcome::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("carbon-jp", DispatchOutcome.CREATED),
                org.assertj.core.groups.Tuple.tuple("carbon-jp", DispatchOutcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("carbon-jp", DispatchOutcome.DELETED));
        assertThat(outcomes.get(1).reason()).isEqualTo(reason);
    }

    @Test
    void aReplayCreatesNoDuplicates() throws Exception {
        DispatchRequest first = new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null);
        dispatcher.dispatch(first);
        dispatcher.dispatch(migration());

        // the same requests again, as after a restart from a checkpoint taken before them
        List<DispatchOutcome> replayedFirst = dispatcher.dispatch(first);
        List<DispatchOutcome> replayedMove = dispatcher.dispatch(migration());

        assertThat(replayedFirst).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.CREATED);
        assertThat(replayedMove).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.ALREADY_PRESENT,
                DispatchOutcome.DELETED, DispatchOutcome.MIGRATION_COMPLETE);
        assertThat(jp.jobIds()).containsExactly("migration-test");
        assertThat(kr.jobIds()).isEmpty();

        List<DispatchOutcome> again = dispatcher.dispatch(migration());
        assertThat(again).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.ALREADY_PRESENT,
                DispatchOutcome.ALREADY_ABSENT, DispatchOutcome.MIGRATION_COMPLETE);
        assertThat(jp.jobIds()).containsExactly("migration-test");
    }

    @Test
    void aCancellationDeletesTheJobWhereItRuns() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("bg-007", ROUND, "carbon-jp", null, 10),
                "kind-carbon-jp", null, null));
        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(
                Placements.ended("bg-007", ROUND + 300_000, "carbon-jp", WorkloadPhase.CANCELLED), "kind-carbon-jp", null, null));
        assertThat(outcomes).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.DELETED);
        assertThat(jp.jobIds()).isEmpty();
    }

    @Test
    void transientApiErrorsAreRetried() throws Exception {
        kr.server.expect().post().withPath(JOBS_PATH).andReturn(503, "unavailable").times(2);

        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(
                Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900), "kind-carbon-kr", null, null));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(DispatchOutcome.CREATED);
            assertThat(o.attempts()).isEqualTo(3);
        });
        assertThat(kr.jobIds()).containsExactly("migration-test");
    }

    @Test
    void aPersistentErrorIsReportedAndTheSourceJobKept() throws Exception {
        dispatcher.dispatch(new DispatchRequest(Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900),
                "kind-carbon-kr", null, null));
        jp.server.expect().post().withPath(JOBS_PATH).andReturn(500, "etcd is down").always();

        List<DispatchOutcome> outcomes = dispatcher.dispatch(migration());

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(o.error()).contains("create Job " + WorkloadJobs.name("migration-test", Placements.SUBMITTED_MILLIS)
                    + " of migration-test on carbon-jp").contains("500");
        });
        assertThat(kr.jobIds()).as("the workload keeps running where it was").containsExactly("migration-test");
    }

    @Test
    void anApiThatDoesNotAnswerIsRetriedThenNotCalledUntilItsProbe() throws Exception {
        AtomicLong now = new AtomicLong(ROUND);
        try (ApiSwitch api = ApiSwitch.inFrontOf(kr.url());
                KubernetesClient viaSwitch = MockCluster.clients(Map.of("kind-carbon-kr", api.url())).connect("kind-carbon-kr")) {
            JobDispatcher throughSwitch = new JobDispatcher(Map.of("kind-carbon-kr", viaSwitch)::get, NAMESPACE,
                    new Retry(3, Duration.ofMillis(10)), MockCluster.SEED_IMAGES, Duration.ofMinutes(5), now::get);
            api.down(ApiSwitch.Outage.REFUSE);

            // no answer (fabric8's code -1) is retried like a 503, then marks the API down
            assertThat(throughSwitch.dispatch(firstStart("bg-001"))).singleElement().satisfies(o -> {
                assertThat(o.reason()).isEqualTo(DispatchOutcome.API_ERROR);
                assertThat(o.attempts()).isEqualTo(3);
            });
            // while it is down, a request fails at once without a call
            assertThat(throughSwitch.dispatch(firstStart("bg-002"))).singleElement().satisfies(o -> {
                assertThat(o.reason()).isEqualTo(DispatchOutcome.API_UNREACHABLE);
                assertThat(o.attempts()).isZero();
                assertThat(o.error()).contains("has not answered since").contains("not called");
            });
            api.up();
            assertThat(throughSwitch.dispatch(firstStart("bg-002"))).extracting(DispatchOutcome::reason)
                    .as("back, but no probe due yet").containsExactly(DispatchOutcome.API_UNREACHABLE);

            now.addAndGet(ApiBreaker.PROBE_INTERVAL.toMillis());
            assertThat(throughSwitch.dispatch(firstStart("bg-002"))).extracting(DispatchOutcome::action)
                    .as("the probe finds it back").containsExactly(DispatchOutcome.CREATED);
            assertThat(throughSwitch.dispatch(firstStart("bg-001"))).extracting(DispatchOutcome::action)
                    .containsExactly(DispatchOutcome.CREATED);
        }
        assertThat(kr.jobIds()).containsExactlyInAnyOrder("bg-001", "bg-002");
    }

    @Test
    void anHttpErrorIsAnAnswerAndKeepsTheApiInUse() throws Exception {
        kr.server.expect().post().withPath(JOBS_PATH).andReturn(500, "etcd is down").times(3);
        assertThat(dispatcher.dispatch(firstStart("bg-001"))).extracting(DispatchOutcome::reason)
                .containsExactly(DispatchOutcome.API_ERROR);
        assertThat(dispatcher.dispatch(firstStart("bg-002"))).extracting(DispatchOutcome::action)
                .containsExactly(DispatchOutcome.CREATED);
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        kr.server.expect().post().withPath(JOBS_PATH).andReturn(422, "invalid name").always();
        List<DispatchOutcome> outcomes = dispatcher.dispatch(new DispatchRequest(
                Placements.dispatched("migration-test", ROUND, "carbon-kr", null, 900), "kind-carbon-kr", null, null));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aReusedJobIdRunsAgainBesideItsFinishedJob() throws Exception {
        DispatchRequest first = new DispatchRequest(Placements.dispatched("nightly-etl", ROUND, "carbon-kr", null, 10),
                "kind-carbon-kr", null, null);
        dispatcher.dispatch(first);
        Job finished = job(krClient, "nightly-etl");
        finished.setStatus(new JobStatusBuilder().withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
        krClient.batch().v1().jobs().inNamespace(NAMESPACE).resource(finished).updateStatus();
        assertThat(JobStatusReader.read(krClient, NAMESPACE)).containsEntry("nightly-etl", WorkloadAction.COMPLETED);

        // the same job_id submitted again two hours later, within the finished Job's TTL
        long again = Placements.SUBMITTED_MILLIS + 2 * 3_600_000L;
        List<DispatchOutcome> second = dispatcher.dispatch(new DispatchRequest(
                Placements.dispatched("nightly-etl", again + 300_000, "carbon-kr", null, 10, again), "kind-carbon-kr", null, null));

        assertThat(second).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.CREATED);
        assertThat(kr.jobIds()).containsExactly("nightly-etl", "nightly-etl");
        assertThat(kr.jobNames()).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).startsWith("nightly-etl-"));
        assertThat(JobStatusReader.read(krClient, NAMESPACE)).as("the new run has not started: the old completion is not it")
                .doesNotContainKey("nightly-etl");
        Job rerun = krClient.batch().v1().jobs().inNamespace(NAMESPACE).withName(WorkloadJobs.name("nightly-etl", again)).get();
        rerun.setStatus(new JobStatusBuilder().withActive(1).build());
        krClient.batch().v1().jobs().inNamespace(NAMESPACE).resource(rerun).updateStatus();
        assertThat(JobStatusReader.read(krClient, NAMESPACE)).containsEntry("nightly-etl", WorkloadAction.RUNNING);

        // a retry of the first submission still finds its own Job and runs nothing again
        assertThat(dispatcher.dispatch(first)).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.ALREADY_PRESENT);
        assertThat(kr.jobIds()).hasSize(2);
    }

    @Test
    void jobNamesAreDns1123LabelsUniquePerSubmission() {
        String odd = "Nightly_ETL/2025.10 " + "x".repeat(80);
        for (String id : List.of("migration-test", odd, "---", "ÜBER-job")) {
            String name = WorkloadJobs.name(id, Placements.SUBMITTED_MILLIS);
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(WorkloadJobs.name(id, Placements.SUBMITTED_MILLIS)).as("stable").isEqualTo(name);
            assertThat(WorkloadJobs.name(id, Placements.SUBMITTED_MILLIS + 1)).as("per submission").isNotEqualTo(name);
            assertThat(WorkloadJobs.jobIdLabel(id)).hasSizeLessThanOrEqualTo(63)
                    .matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
        }
        assertThat(WorkloadJobs.name("migration-test", Placements.SUBMITTED_MILLIS)).matches("migration-test-[0-9a-f]{10}");
        assertThat(WorkloadJobs.name("ETL-1", 0)).as("the hash is over the id as given").isNotEqualTo(WorkloadJobs.name("etl-1", 0));
    }

    private static Job job(KubernetesClient client, String jobId) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(WorkloadJobs.name(jobId, Placements.SUBMITTED_MILLIS))
                .get();
    }

    private static Placement withSpec(Placement p, WorkloadSpec spec) {
        return new Placement(p.jobId(), p.roundMillis(), p.phase(), p.targetCluster(), p.zone(), p.startSlot(),
                p.plannedStartMillis(), p.gateOpen(), p.gateReason(), p.estimatedCo2G(), p.emittedCo2G(), p.baselineCo2G(),
                p.scheduledAtMillis(), p.previousCluster(), p.migratedFrom(), p.migrationTimeMillis(), p.dataGb(),
                p.powerWatts(), p.remainingMinutes(), p.deadlineMillis(), p.migrationCostG(), p.carbonSavingG(), p.solver(),
                p.endedMillis(), spec, p.submittedMillis(), p.policyVersion());
    }

    private static DispatchRequest firstStart(String jobId) {
        return new DispatchRequest(Placements.dispatched(jobId, ROUND, "carbon-kr", null, 10), "kind-carbon-kr", null, null);
    }

    private static DispatchRequest migration() {
        Placement moved = Placements.dispatched("migration-test", ROUND + 300_000, "carbon-jp", "carbon-kr", 600)
                .withMigration("carbon-kr", ROUND + 300_000);
        return new DispatchRequest(moved, "kind-carbon-jp", "carbon-kr", "kind-carbon-kr");
    }
}
