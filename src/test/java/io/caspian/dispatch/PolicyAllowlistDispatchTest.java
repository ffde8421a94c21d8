package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.DispatchContext;
import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.PolicyDocument;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadSpec;
import io.caspian.functions.ResolveDispatch;
import io.caspian.policy.PolicyDocumentJson;
import io.caspian.testing.Fixtures;
import io.caspian.testing.Placements;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The image allowlist follows the policy a placement was made under: a request carries the list of its
 * placement's version for its workload (a tenant's own included), and the dispatcher refuses an image
 * that list does not hold, although the configuration's list would allow it, and the other way round.
 */
class PolicyAllowlistDispatchTest {

    private static final long ROUND = 1_761_120_300_000L;
    private static final CaspianConfig CONFIG = Fixtures.config(Map.of("kubernetes.image-allowlist", "busybox:1.36,python:3.11-slim"));

    private static PolicyDocument policy(long version, String scope, String images) throws Exception {
        return PolicyDocumentJson.parse("{\"version\":" + version + ",\"scope\":\"" + scope + "\",\"timestamp\":" + ROUND
                + ",\"settings\":{\"kubernetes\":{\"image-allowlist\":" + images + "}}}");
    }

    private static Placement placement(String job, long version, String image, String tenant) {
        Placement p = Placements.dispatched(job, ROUND, "carbon-kr", null, 100);
        WorkloadSpec s = p.spec();
        WorkloadSpec spec = new WorkloadSpec(s.cpu(), s.memGb(), s.gpu(), s.dataGb(), s.runtimeMinutes(), s.deadlineMinutes(),
                s.affinityClusters(), image, s.command(), s.homeCluster(), tenant, Map.of());
        return new Placement(p.jobId(), p.roundMillis(), p.phase(), p.targetCluster(), p.zone(), p.startSlot(),
                p.plannedStartMillis(), p.gateOpen(), p.gateReason(), p.estimatedCo2G(), p.emittedCo2G(), p.baselineCo2G(),
                p.scheduledAtMillis(), p.previousCluster(), p.migratedFrom(), p.migrationTimeMillis(), p.dataGb(),
                p.powerWatts(), p.remainingMinutes(), p.deadlineMillis(), p.migrationCostG(), p.carbonSavingG(), p.solver(),
                p.endedMillis(), spec, p.submittedMillis(), version);
    }

    private static List<DispatchRequest> resolve(List<Placement> placements) throws Exception {
        try (BroadcastOperatorTestHarness<Placement, DispatchContext, DispatchRequest> harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new ResolveDispatch(CONFIG), ResolveDispatch.CONTEXTS,
                        ResolveDispatch.POLICIES)) {
            Resources r = new Resources(96, 384, 0);
            harness.processBroadcastElement(DispatchContext.of(new Cluster("carbon-kr", "KR", r, r, "kind-carbon-kr",
                    ClusterStatus.READY, ROUND - 60_000)), ROUND - 60_000);
            harness.processBroadcastElement(DispatchContext.of(policy(1, "global", "[\"registry.example/\"]")), ROUND);
            harness.processBroadcastElement(DispatchContext.of(policy(2, "tenant:acme", "[\"acme.example/\"]")), ROUND);
            for (Placement p : placements) {
                harness.processElement(p, ROUND);
            }
            return harness.extractOutputValues();
        }
    }

    @Test
    void eachRequestCarriesTheListOfItsPlacementsPolicy() throws Exception {
        List<DispatchRequest> requests = resolve(List.of(
                placement("under-the-file", 0, "busybox:1.36", null),
                placement("under-v1", 1, "registry.example/app:1", null),
                placement("acme-under-v2", 2, "acme.example/app:1", "acme"),
                placement("from-the-future", 9, "busybox:1.36", null)));
        Map<String, ImageAllowlist> lists = new java.util.HashMap<>();
        requests.forEach(r -> lists.put(r.jobId(), r.allowlist()));

        assertThat(lists.get("under-the-file")).as("version 0: the configuration's").isNull();
        assertThat(lists.get("under-v1").allows("registry.example/app:1")).isTrue();
        assertThat(lists.get("under-v1").allows("busybox:1.36")).as("no longer allowed under version 1").isFalse();
        assertThat(lists.get("acme-under-v2").allows("acme.example/app:1")).isTrue();
        assertThat(lists.get("acme-under-v2").allows("registry.example/app:1")).as("the tenant's own list wins").isFalse();
        assertThat(lists.get("from-the-future")).as("a version not seen yet: the configuration's").isNull();
    }

    @Test
    void theDispatcherHoldsTheImageToTheRequestsList() throws Exception {
        List<DispatchRequest> requests = resolve(List.of(placement("old-image", 1, "busybox:1.36", null),
                placement("new-image", 1, "registry.example/app:1", null)));
        try (MockCluster kr = MockCluster.start()) {
            Map<String, KubernetesClient> byContext = Map.of("kind-carbon-kr", kr.client);
            JobDispatcher dispatcher = new JobDispatcher(byContext::get, "caspian-workloads", new Retry(3, Duration.ofMillis(10)),
                    CONFIG.kubernetes().imageAllowlist());
            for (DispatchRequest request : requests) {
                List<DispatchOutcome> outcomes = dispatcher.dispatch(request);
                if (request.jobId().equals("old-image")) {
                    assertThat(outcomes).singleElement().satisfies(o -> {
                        assertThat(o.reason()).isEqualTo(WorkloadJobs.IMAGE_NOT_ALLOWED);
                        assertThat(o.error()).contains("registry.example/");
                    });
                } else {
                    assertThat(outcomes).extracting(DispatchOutcome::action).containsExactly(DispatchOutcome.CREATED);
                }
            }
            assertThat(kr.jobIds()).containsExactly("new-image");
        }
    }
}
