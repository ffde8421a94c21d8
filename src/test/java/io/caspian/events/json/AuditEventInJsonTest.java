package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.SchedulingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events from other modules: the logger seed's document shapes and its SDK's keyword spellings. */
class AuditEventInJsonTest {

    @Test
    void readsTheSeedsSchedulingDocument() throws Exception {
        AuditEvent event = AuditEventInJson.parse("""
                {"event_type":"scheduling_decision","timestamp":"2025-01-15T10:30:00Z","scheduler":"kcloud-meta-scheduler",
                 "workload":{"id":"ml-training-job-123","type":"ml_training","requirements":{"cpu":8,"memory":"32Gi"}},
                 "decision":{"selected_cluster":"gpu-cluster-01","reason":"power efficiency",
                   "cost_calculation":{"estimated_power_watts":1200,"estimated_cost_per_hour":15.6,
                     "alternatives":[{"cluster":"gpu-cluster-02","cost":18.2},{"cluster":"hybrid-cluster-01","cost":22.4}]}},
                 "execution_time_ms":245}""");
        assertThat(event.eventType()).isEqualTo(AuditEventType.SCHEDULING_DECISION);
        assertThat(event.workloadId()).isEqualTo("ml-training-job-123");
        assertThat(event.cluster()).isEqualTo("gpu-cluster-01");
        assertThat(event.origin()).isEqualTo(AuditEventInJson.DEFAULT_ORIGIN);
        assertThat(event.decision().executionTimeMs()).isEqualTo(245);
        assertThat(event.decision().estimatedPowerWatts()).isEqualTo(1200);
        assertThat(event.decision().estimatedCo2G()).isNaN(); // not given: unknown, not zero
        assertThat(event.decision().alternatives()).extracting(a -> a.cluster()).containsExactly("gpu-cluster-02", "hybrid-cluster-01");
        assertThat(AuditEventJson.toNode(event).get("decision").get("cost_calculation").get("estimated_co2_g").isNull()).isTrue();
    }

    @Test
    void readsTheSdkKeywordSpellings() throws Exception {
        AuditEvent decision = AuditEventInJson.parse("""
                {"event_type":"scheduling_decision","timestamp":1736937000000,"workloadId":"job-9","selected_cluster":"c2",
                 "cost_calculation":{"power_watts":1400},"execution_time_ms":180,"origin":"kcloud-sdk"}""");
        assertThat(decision.workloadId()).isEqualTo("job-9");
        assertThat(decision.origin()).isEqualTo("kcloud-sdk");
        assertThat(decision.decision().estimatedPowerWatts()).isEqualTo(1400);

        AuditEvent relocation = AuditEventInJson.parse("""
                {"event_type":"workload_relocation","timestamp":"2025-01-15T14:45:00Z","workload_id":"svc-789",
                 "from_cluster":"gpu-1","to_cluster":"npu-1","trigger":"power_optimization",
                 "metrics":{"power_saving_watts":250,"cost_saving_per_hour":3.75,"migration_time_seconds":35,"downtime_seconds":1}}""");
        assertThat(relocation.relocation().fromCluster()).isEqualTo("gpu-1");
        assertThat(relocation.relocation().powerSavingWatts()).isEqualTo(250.0);
        assertThat(relocation.relocation().costSavingPerHour()).isEqualTo(3.75);
        assertThat(relocation.relocation().migrationTimeSeconds()).isEqualTo(35);
        assertThat(relocation.relocation().downtimeSeconds()).isEqualTo(1);
        assertThat(relocation.relocation().migrationCostG()).isNaN();

        AuditEvent unmeasured = AuditEventInJson.parse("""
                {"event_type":"workload_relocation","timestamp":"2025-01-15T14:45:00Z","workload_id":"svc-790",
                 "from_cluster":"gpu-1","to_cluster":"npu-1"}""");
        assertThat(unmeasured.relocation().migrationTimeSeconds()).as("not given: unknown").isNull();
        assertThat(unmeasured.relocation().downtimeSeconds()).as("not given: unknown").isNull();
        assertThat(AuditEventJson.toNode(unmeasured).get("downtime_seconds").isNull()).isTrue();

        AuditEvent inefficiency = AuditEventInJson.parse("""
                {"event_type":"inefficiency_detected","timestamp":"2025-01-15T18:20:00Z","inefficiency_type":"idle_cluster",
                 "resource_id":"cpu-cluster-05","severity":"high","recommended_action":"cluster_shutdown",
                 "metrics":{"utilization_percentage":5,"idle_duration_hours":12,"wasted_cost_estimate":150.4}}""");
        assertThat(inefficiency.cluster()).isEqualTo("cpu-cluster-05");
        assertThat(inefficiency.inefficiency().type()).isEqualTo("idle_cluster");
        assertThat(inefficiency.inefficiency().utilizationPct()).isEqualTo(5);
        assertThat(inefficiency.inefficiency().wastedCostEstimate()).isEqualTo(150.4);
        assertThat(inefficiency.inefficiency().state()).isEqualTo("detected");

        AuditEvent created = AuditEventInJson.parse("""
                {"event_type":"cluster_reconfiguration","timestamp":"2025-01-15T16:00:00Z","action":"cluster_created",
                 "cluster":{"id":"magnum-789","name":"npu-inference-cluster"},"trigger":{"workload_queue_length":15}}""");
        assertThat(created.cluster()).isEqualTo("npu-inference-cluster");
        assertThat(created.reconfiguration().trigger()).isEqualTo("{\"workload_queue_length\":15}");
    }

    @Test
    void keepsAGivenIdAndDerivesAStableOneFromTheContent() throws Exception {
        String a = "{\"event_type\":\"cluster_reconfiguration\",\"timestamp\":\"2025-01-15T16:00:00Z\",\"action\":\"scaled\",\"cluster_name\":\"c1\"}";
        String sameContentOtherOrder = "{\"cluster_name\":\"c1\",\"action\":\"scaled\",\"timestamp\":\"2025-01-15T16:00:00Z\",\"event_type\":\"cluster_reconfiguration\"}";
        String other = a.replace("c1", "c2");
        assertThat(AuditEventInJson.parse(a).eventId()).isEqualTo(AuditEventInJson.parse(sameContentOtherOrder).eventId())
                .isNotEqualTo(AuditEventInJson.parse(other).eventId());
        assertThat(AuditEventInJson.parse(a).reconfiguration().action()).isEqualTo("cluster_scaled");
        assertThat(AuditEventInJson.parse(a.replace("{", "{\"event_id\":\"given-1\",")).eventId())
                .isEqualTo("events-in:given-1");
        assertThat(AuditEventInJson.parse(a).eventId()).matches("events-in:[0-9a-f-]{36}");
    }

    @Test
    void anOutsideEventCannotClaimTheJobsOrigin() {
        String decision = "{\"event_type\":\"scheduling_decision\",\"timestamp\":\"2025-10-22T08:05:00Z\","
                + "\"workload_id\":\"migration-test\",\"selected_cluster\":\"carbon-cn\",\"execution_time_ms\":1,";
        for (String claim : List.of("\"origin\":\"caspian\"", "\"origin\":\" Caspian \"", "\"source\":\"CASPIAN\"",
                "\"module\":\"caspian\"")) {
            assertThatThrownBy(() -> AuditEventInJson.parse(decision + claim + "}"))
                    .as(claim)
                    .isInstanceOfSatisfying(InvalidRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidRecordException.RESERVED_ORIGIN))
                    .hasMessageContaining("origin").hasMessageContaining("this job's own events");
        }
    }

    @Test
    void anOutsideIdCanNeverBeOneOfTheJobsOwn() throws Exception {
        // the id the job gives its own decision for migration-test in the 08:05 round
        AuditEvent own = AuditEvent.decision("migration-test", "carbon-kr", 1_761_120_300_000L,
                new SchedulingDecision(AuditEvent.ORIGIN, null, "carbon-kr", "dispatched", "test", null, true, 1, 1, 1, 1,
                        List.of(), 1, null, null, Double.NaN, 1_761_120_300_000L, null, null));
        String forged = "{\"event_type\":\"scheduling_decision\",\"timestamp\":\"2025-10-22T08:05:00Z\",\"event_id\":\""
                + own.eventId() + "\",\"workload_id\":\"migration-test\",\"selected_cluster\":\"carbon-cn\",\"execution_time_ms\":1,"
                + "\"origin\":\"edge-scheduler\"}";

        AuditEvent outside = AuditEventInJson.parse(forged);

        assertThat(outside.eventId()).isEqualTo("edge-scheduler:" + own.eventId()).isNotEqualTo(own.eventId());
        assertThat(outside.origin()).isEqualTo("edge-scheduler");
        assertThat(AuditEventInJson.parse(forged.replace("\"origin\":\"edge-scheduler\"", "\"module\":\"a:b\"")).eventId())
                .as("a ':' in the origin cannot shift where the origin ends")
                .isEqualTo("a%3Ab:" + own.eventId())
                .isNotEqualTo(AuditEventInJson.namespaced("a", "b:" + own.eventId()));
    }

    @Test
    void refusesWithThePreciseReason() {
        assertThatThrownBy(() -> AuditEventInJson.parse("{\"event_type\":\"scheduling_decision\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"workload_id\":\"j\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("execution_time_ms").hasMessageContaining("required");
        assertThatThrownBy(() -> AuditEventInJson.parse("{\"event_type\":\"bogus\",\"timestamp\":\"2025-01-15T10:30:00Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("event_type").hasMessageContaining("bogus");
        assertThatThrownBy(() -> AuditEventInJson.parse("{\"event_type\":\"workload_relocation\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"workload\":\"w\",\"from_cluster\":\"a\",\"to_cluster\":\"b\",\"downtime_seconds\":-1}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("downtime_seconds").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> AuditEventInJson.parse("{\"event_type\":\"scheduling_decision\",\"timestamp\":\"soon\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("timestamp");
    }
}
