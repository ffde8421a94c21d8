package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.DeadLetter;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadRelocation;
import io.caspian.events.Placement;
import io.caspian.events.RawRecord;
import io.caspian.events.WorkloadPhase;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.TaggedOutput;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.ScenarioRuns;
import io.caspian.workflows.CaspianWorkflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;


import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on the seed scenario with dispatch on, against one fabric8 mock API server (CRUD
 * mode) per cluster, each starting the Jobs created in it as a Job controller would: every workload's
 * Job ends on the cluster it last ran on and nowhere else, each move is completed by a measured
 * follow-up, and an API that keeps failing is reported on the dead-letter output and as failed
 * outcomes while the job runs to its end. With dispatch off a move's seconds stay unknown.
 */
class KubernetesDispatchJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private final Map<String, MockCluster> servers = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        for (String cluster : List.of("carbon-kr", "carbon-jp", "carbon-cn")) {
            servers.put(cluster, MockCluster.start().startJobs(50));
        }
    }

    @AfterEach
    void stop() {
        servers.values().forEach(MockCluster::close);
    }

    @Test
    void everyJobEndsOnTheClusterItLastRanOn() throws Exception {
        CollectedOutputs outputs = runSeedScenario();

        assertThat(outputs.deadLetters).extracting(DeadLetter::reason).noneMatch(r -> r.startsWith("kubernetes"));
        assertThat(jobsOn("carbon-jp")).contains(DemoScenario.SEED_JOB);
        assertThat(jobsOn("carbon-kr")).doesNotContain(DemoScenario.SEED_JOB);

        Map<String, Placement> last = new HashMap<>();
        outputs.placements.forEach(p -> last.put(p.jobId(), p));
        int dispatched = 0;
        for (Placement p : last.values()) {
            boolean ran = p.phase() == WorkloadPhase.COMPLETED || p.phase() == WorkloadPhase.RUNNING;
            for (String cluster : servers.keySet()) {
                boolean expected = ran && cluster.equals(p.targetCluster());
                assertThat(jobsOn(cluster).contains(p.jobId())).as("%s (%s on %s) has a Job on %s", p.jobId(), p.phase(),
                        p.targetCluster(), cluster).isEqualTo(expected);
            }
            dispatched += ran ? 1 : 0;
        }
        assertThat(dispatched).isGreaterThan(10);
    }

    @Test
    void eachMoveIsCompletedByAMeasuredFollowUpAndEachDispatchReportsItsOutcome() throws Exception {
        CollectedOutputs outputs = runSeedScenario();

        List<AuditEvent> seedMoves = relocationsOf(outputs, DemoScenario.SEED_JOB);
        assertThat(seedMoves).hasSize(2);
        AuditEvent decided = seedMoves.get(0);
        AuditEvent completed = seedMoves.get(1);
        assertThat(decided.relocation().status()).isEqualTo(WorkloadRelocation.DECIDED);
        assertThat(decided.relocation().migrationTimeSeconds()).as("unknown when decided").isNull();
        assertThat(decided.relocation().downtimeSeconds()).isNull();
        assertThat(completed.eventId()).as("the same relocation").isEqualTo(decided.eventId());
        assertThat(completed.timestampMillis()).isEqualTo(decided.timestampMillis());
        assertThat(completed.relocation().status()).isEqualTo(WorkloadRelocation.COMPLETED);
        assertThat(completed.relocation().fromCluster()).isEqualTo("carbon-kr");
        assertThat(completed.relocation().toCluster()).isEqualTo("carbon-jp");
        // the mock clusters start a Job some 50 ms after its creation; the move waited for it
        assertThat(completed.relocation().migrationTimeSeconds()).isNotNull().isGreaterThan(0.0).isLessThan(60.0);
        assertThat(completed.relocation().downtimeSeconds()).as("the target ran before the source was deleted").isEqualTo(0.0);
        assertThat(completed.relocation().migrationCostG()).isEqualTo(decided.relocation().migrationCostG());

        List<WorkloadEvent> seedOutcomes = outputs.dispatchOutcomes.stream()
                .filter(o -> o.jobId().equals(DemoScenario.SEED_JOB)).toList();
        assertThat(seedOutcomes).extracting(WorkloadEvent::action, WorkloadEvent::cluster, o -> o.dispatch().sourceCluster())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WorkloadAction.DISPATCHED, "carbon-kr", null),
                        org.assertj.core.groups.Tuple.tuple(WorkloadAction.DISPATCHED, "carbon-jp", "carbon-kr"));
        assertThat(seedOutcomes.get(1).dispatch().roundMillis()).isEqualTo(decided.timestampMillis());
        assertThat(outputs.dispatchOutcomes).extracting(WorkloadEvent::action).containsOnly(WorkloadAction.DISPATCHED);
    }

    @Test
    void withDispatchOffAMovesSecondsStayUnknown() throws Exception {
        CollectedOutputs outputs = run(Map.of("kubernetes.enabled", "false"));

        List<AuditEvent> seedMoves = relocationsOf(outputs, DemoScenario.SEED_JOB);
        assertThat(seedMoves).singleElement().satisfies(e -> {
            assertThat(e.relocation().status()).isEqualTo(WorkloadRelocation.DECIDED);
            assertThat(e.relocation().migrationTimeSeconds()).isNull();
            assertThat(e.relocation().downtimeSeconds()).isNull();
        });
        assertThat(outputs.auditEvents).filteredOn(e -> e.relocation() != null).noneMatch(e -> e.relocation().followUp());
        assertThat(outputs.dispatchOutcomes).isEmpty();
        for (String cluster : servers.keySet()) {
            assertThat(jobsOn(cluster)).isEmpty();
        }
    }

    @Test
    void aFailingApiIsReportedAndTheJobGoesOn() throws Exception {
        servers.get("carbon-jp").server.expect().post().withPath(MockCluster.JOBS_PATH).andReturn(500, "etcd is down").always();

        CollectedOutputs outputs = runSeedScenario();

        assertThat(outputs.deadLetters).filteredOn(d -> d.reason().equals("kubernetes_api_error"))
                .isNotEmpty()
                .anySatisfy(d -> {
                    assertThat(d.payload()).contains("\"job_id\":\"" + DemoScenario.SEED_JOB + "\"");
                    assertThat(d.detail()).contains("on carbon-jp failed after 3 attempt(s)").contains("500");
                });
        assertThat(jobsOn("carbon-jp")).isEmpty();
        assertThat(jobsOn("carbon-kr")).as("the seed job keeps running where it was").contains(DemoScenario.SEED_JOB);

        assertThat(outputs.dispatchOutcomes).filteredOn(o -> o.jobId().equals(DemoScenario.SEED_JOB)
                        && o.action() == WorkloadAction.DISPATCH_FAILED)
                .singleElement().satisfies(o -> {
                    assertThat(o.cluster()).isEqualTo("carbon-jp");
                    assertThat(o.dispatch().sourceCluster()).isEqualTo("carbon-kr");
                    assertThat(o.dispatch().reason()).isEqualTo("kubernetes_api_error");
                    assertThat(o.dispatch().detail()).contains("500");
                });
        assertThat(relocationsOf(outputs, DemoScenario.SEED_JOB)).last().satisfies(e -> {
            assertThat(e.relocation().status()).isEqualTo(WorkloadRelocation.FAILED);
            assertThat(e.relocation().reason()).contains("stays on carbon-kr").contains("kubernetes_api_error");
            assertThat(e.relocation().migrationTimeSeconds()).isNull();
            assertThat(e.relocation().downtimeSeconds()).isNull();
        });
    }

    private static List<AuditEvent> relocationsOf(CollectedOutputs outputs, String jobId) {
        return outputs.auditEvents.stream().filter(e -> e.eventType() == AuditEventType.WORKLOAD_RELOCATION
                && jobId.equals(e.workloadId()) && AuditEvent.ORIGIN.equals(e.origin())).toList();
    }

    @Test
    void anImageOffTheAllowlistIsDeadLetteredAndNeverRuns() throws Exception {
        // only the seed's own image: the background workloads' busybox is refused
        CollectedOutputs outputs = runSeedScenario("python:3.11-slim");

        List<DeadLetter> refused = outputs.deadLetters.stream().filter(d -> d.reason().equals("image_not_allowed")).toList();
        assertThat(refused).isNotEmpty().allSatisfy(d -> {
            assertThat(d.payload()).contains("\"job_id\":\"bg-");
            assertThat(d.detail()).contains("busybox:1.36").contains("[python:3.11-slim]");
        });
        assertThat(outputs.deadLetters).extracting(DeadLetter::reason).noneMatch(r -> r.startsWith("kubernetes"));
        for (String cluster : servers.keySet()) {
            assertThat(jobsOn(cluster)).as("Jobs on %s", cluster).allMatch(DemoScenario.SEED_JOB::equals);
        }
        assertThat(jobsOn("carbon-jp")).contains(DemoScenario.SEED_JOB);
    }

    private List<String> jobsOn(String cluster) {
        return servers.get(cluster).jobIds();
    }

    private CollectedOutputs runSeedScenario() throws Exception {
        return runSeedScenario("python:3.11-slim,busybox:1.36");
    }

    private CollectedOutputs runSeedScenario(String imageAllowlist) throws Exception {
        return run(Map.of("kubernetes.image-allowlist", imageAllowlist));
    }

    private CollectedOutputs run(Map<String, String> extra) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "kubernetes.enabled", "true",
                "kubernetes.image-allowlist", "python:3.11-slim,busybox:1.36",
                "kubernetes.namespace", MockCluster.NAMESPACE,
                "kubernetes.retry-attempts", "3",
                "kubernetes.retry-initial-backoff", "10 ms"));
        overrides.putAll(extra);
        CaspianConfig config = new ConfigLoader().load(null, overrides);
        Map<String, String> urls = new HashMap<>();
        servers.forEach((cluster, server) -> urls.put("kind-" + cluster, server.url()));
        ClusterClients toMocks = MockCluster.clients(urls);

        StreamExecutionEnvironment env = ScenarioRuns.strictEnvironment();
        DemoScenario scenario = DemoScenario.generate(config.demo().seed(), config.demo().backgroundWorkloads());
        CaspianWorkflow.Sources sources = BoundedRun.sources(env, source(env, scenario.carbon(), "carbon"),
                source(env, scenario.workloads(), "workloads"), source(env, scenario.clusters(), "clusters"));
        CollectedOutputs collected = new CollectedOutputs();
        try (CloseableIterator<TaggedOutput> results = TaggedOutput.union(CaspianWorkflow.build(config, sources, toMocks))
                .executeAndCollect("caspian-dispatch-test")) {
            results.forEachRemaining(output -> output.addTo(collected));
        }
        return collected;
    }

    private static DataStream<RawRecord> source(StreamExecutionEnvironment env, List<RawRecord> records, String name) {
        return env.fromData(records, TypeInformation.of(RawRecord.class)).name(name).uid(name).setParallelism(1);
    }
}
