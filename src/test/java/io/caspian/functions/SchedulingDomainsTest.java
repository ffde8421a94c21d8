package io.caspian.functions;

import static io.caspian.testing.Fixtures.MINUTE;
import static io.caspian.testing.Fixtures.ROUND_1;
import static io.caspian.testing.Fixtures.T1;
import static io.caspian.testing.Fixtures.cluster;
import static io.caspian.testing.Fixtures.config;
import static io.caspian.testing.Fixtures.ended;
import static io.caspian.testing.Fixtures.reading;
import static io.caspian.testing.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.scheduling.Domains;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Two scheduling domains: each plans its own workloads on its own clusters, and a refusal is made once. */
class SchedulingDomainsTest {

    static final CaspianConfig CONFIG = config(Map.of("scheduler.domains.asia", "carbon-kr,carbon-jp"));
    static final Domains DOMAINS = CONFIG.scheduler().domains();

    static WorkloadSpec affine(String... clusters) {
        WorkloadSpec s = spec(2, 0, 60, 600);
        return new WorkloadSpec(s.cpu(), s.memGb(), s.gpu(), s.dataGb(), s.runtimeMinutes(), s.deadlineMinutes(),
                List.of(clusters), s.image(), s.command(), null);
    }

    static WorkloadEvent submit(String id, WorkloadSpec spec) {
        return new WorkloadEvent(id, WorkloadAction.SUBMITTED, T1 + MINUTE, spec, null);
    }

    @Test
    void theConfigurationGroupsClustersAndRefusesOneInTwoDomains() {
        assertThat(DOMAINS.all()).containsExactly("asia", "default");
        assertThat(DOMAINS.of("carbon-jp")).isEqualTo("asia");
        assertThat(DOMAINS.of("carbon-cn")).isEqualTo("default");
        assertThat(DOMAINS.of(affine("carbon-kr", "carbon-jp"))).isEqualTo("asia");
        assertThat(DOMAINS.of(affine())).isEqualTo("default");
        assertThat(DOMAINS.of(affine("carbon-kr", "carbon-cn"))).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config(Map.of("scheduler.domains.a", "c1",
                "scheduler.domains.b", "c1"))).hasMessageContaining("cluster c1 is in scheduler.domains.").hasMessageContaining("a cluster belongs to one domain");
    }

    @Test
    void aWorkloadFollowsItsDomainAndOneSpanningDomainsIsRefused() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new WorkloadDomains(DOMAINS, "caspian.workloads")), WorkloadEvent::jobId, Types.STRING)) {
            harness.open();
            harness.processElement(submit("in-asia", affine("carbon-jp")), T1);
            harness.processElement(ended("in-asia", WorkloadAction.COMPLETED, T1 + 90 * MINUTE), T1);
            harness.processElement(submit("anywhere", affine()), T1);
            harness.processElement(submit("torn", affine("carbon-kr", "carbon-cn")), T1);
            harness.processElement(submit("in-asia", affine("carbon-cn")), T1); // the same job_id again, elsewhere
            assertThat(harness.extractOutputValues()).extracting(i -> i.workload().jobId() + "@" + i.domain())
                    .containsExactly("in-asia@asia", "in-asia@asia", "anywhere@default", "in-asia@asia");
            List<DeadLetter> letters = harness.getSideOutput(OutputTags.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(WorkloadDomains.SPANS_DOMAINS);
                assertThat(d.detail()).contains("asia (carbon-kr)").contains("default (carbon-cn)");
            });
            harness.processWatermark(new Watermark(T1 + 3 * 24 * 60 * MINUTE));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void eachDomainPlansItsOwnWorkloadsOnItsOwnClusters() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlacementRounds(CONFIG)),
                SchedulerInput::domain, Types.STRING)) {
            harness.open();
            for (String domain : DOMAINS.all()) {
                for (var c : List.of(cluster("carbon-kr", "KR", 64, T1 - MINUTE), cluster("carbon-jp", "JP", 64, T1 - MINUTE),
                        cluster("carbon-cn", "CN", 64, T1 - MINUTE))) {
                    send(harness, SchedulerInput.of(c).inDomain(domain));
                }
                // CN is the greenest zone, but only the default domain's workloads may use it
                for (var r : List.of(reading("KR", 400, T1), reading("JP", 450, T1), reading("CN", 100, T1), reading("XX", 1, T1))) {
                    send(harness, SchedulerInput.of(r).inDomain(domain));
                }
            }
            send(harness, SchedulerInput.of(submit("asian", affine("carbon-kr", "carbon-jp"))).inDomain("asia"));
            send(harness, SchedulerInput.of(submit("free", affine())).inDomain("default"));
            harness.processWatermark(new Watermark(ROUND_1));

            List<Placement> placements = harness.extractOutputValues();
            assertThat(placements).filteredOn(p -> p.jobId().equals("asian")).singleElement()
                    .satisfies(p -> assertThat(p.targetCluster()).isEqualTo("carbon-kr"));
            assertThat(placements).filteredOn(p -> p.jobId().equals("free")).singleElement()
                    .satisfies(p -> assertThat(p.targetCluster()).isEqualTo("carbon-cn"));
            // the reading of a zone no cluster has is refused once, not once per domain
            assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).hasSize(1);
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SchedulerInput, Placement> harness, SchedulerInput input)
            throws Exception {
        harness.processElement(new StreamRecord<>(input, input.timestampMillis()));
    }
}
