package io.caspian.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.Alert;
import io.caspian.events.AlertRule;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.RawRecord;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AlertRuleJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.AuditSchemas;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.functions.CarbonEfficiencyAggregate;
import io.caspian.functions.ClusterTracker;
import io.caspian.functions.SchedulingPerformanceAggregate;
import io.caspian.functions.SlaComplianceAggregate;
import io.caspian.jobs.BoundedRun;
import io.caspian.jobs.CollectedOutputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole workflow at parallelism 2 on a small scenario whose figures are worked out here from the
 * inputs alone: one workload that can only go greener by moving from its home zone, constant carbon
 * intensities, clusters that idle, scale and get busy, and decisions published by another module.
 */
class AuditAnalyticsWorkflowTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2025-10-22T08:00:00Z").toEpochMilli();
    private static final Map<String, Double> INTENSITY = Map.of("KR", 500.0, "JP", 300.0, "CN", 600.0);
    private static final Resources CORES_64 = new Resources(64, 256, 0);
    private static final Resources CORES_96 = new Resources(96, 384, 0);
    private static final WorkloadSpec JOB = new WorkloadSpec(4, 16, 0, 10, 30, 120, List.of("carbon-kr", "carbon-jp"), "img",
            List.of("run"), null);
    private static final long JOB_SUBMITTED = T0 + 2 * MINUTE;
    private static final long[] EDGE_LATENCIES_MS = {70, 10, 100, 40, 20, 90, 30, 60, 80, 50};
    private static final AlertRule SLOW_EDGE = new AlertRule("slow-edge", SchedulingPerformanceAggregate.LATENCY_P95, ">", 50,
            "1m", "edge-1", "high", true);

    private static CaspianConfig config;
    private static CollectedOutputs out;

    @BeforeAll
    static void run() throws Exception {
        config = ConfigLoader.defaults();
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CaspianWorkflow.Sources sources = new CaspianWorkflow.Sources(BoundedRun.source(env, carbon(), "carbon"),
                BoundedRun.source(env, workloads(), "workloads"), BoundedRun.source(env, clusters(), "clusters"), BoundedRun.source(env, eventsIn(), "events-in"),
                env.fromData(rules(), TypeInformation.of(KeyedRawRecord.class)).name("rules").uid("rules").setParallelism(1));
        out = BoundedRun.execute(env, CaspianWorkflow.build(config, sources), "audit-analytics-test", output -> { });
    }

    private static List<RawRecord> carbon() {
        List<RawRecord> records = new ArrayList<>();
        for (long minute = 0; minute <= 180; minute += 5) {
            for (String zone : List.of("KR", "JP", "CN")) {
                CarbonReading reading = new CarbonReading(zone, INTENSITY.get(zone), T0 + minute * MINUTE, "test", false,
                        CarbonReading.AVERAGE, List.of());
                records.add(new RawRecord("carbon", 0, records.size(), reading.timestampMillis(), CarbonReadingJson.write(reading)));
            }
        }
        return records;
    }

    private static List<RawRecord> clusters() {
        List<Cluster> updates = List.of(
                new Cluster("carbon-kr", "KR", CORES_64, CORES_64, "kr", ClusterStatus.READY, T0),
                new Cluster("carbon-jp", "JP", CORES_64, CORES_64, "jp", ClusterStatus.READY, T0),
                new Cluster("carbon-cn", "CN", CORES_64, CORES_64, "cn", ClusterStatus.READY, T0),
                new Cluster("carbon-jp", "JP", CORES_96, CORES_96, "jp", ClusterStatus.READY, T0 + 40 * MINUTE),
                // carbon-cn gets busy: 57.6 of 64 cores in use (90 %) ends its idle episode
                new Cluster("carbon-cn", "CN", CORES_64, new Resources(6.4, 100, 0), "cn", ClusterStatus.READY, T0 + 60 * MINUTE));
        List<RawRecord> records = new ArrayList<>();
        for (Cluster c : updates) {
            records.add(new RawRecord("clusters", 0, records.size(), c.timestampMillis(), ClusterJson.write(c)));
        }
        return records;
    }

    private static List<RawRecord> workloads() {
        WorkloadEvent submitted = new WorkloadEvent("job-a", WorkloadAction.SUBMITTED, JOB_SUBMITTED, JOB, null);
        return List.of(new RawRecord("workloads", 0, 0, JOB_SUBMITTED, WorkloadEventJson.write(submitted)));
    }

    /** Ten decisions of another module in [09:10, 09:11), one in the next minute, and one without a workload. */
    private static List<RawRecord> eventsIn() {
        List<RawRecord> records = new ArrayList<>();
        long minute70 = T0 + 70 * MINUTE;
        for (int i = 0; i < EDGE_LATENCIES_MS.length; i++) {
            records.add(decision(records.size(), minute70 + i * 5_000, "\"workload_id\":\"edge-job-" + i + "\",", EDGE_LATENCIES_MS[i]));
        }
        records.add(decision(records.size(), minute70 + 90_000, "\"workloadId\":\"edge-job-late\",", 5));
        records.add(decision(records.size(), minute70 + 100_000, "", 5));
        // claims to be the job's own decision: refused
        records.add(new RawRecord("events-in", 0, records.size(), minute70 + 110_000, decision(0, minute70 + 110_000,
                "\"workload_id\":\"edge-job-0\",", 5).payload().replace("edge-scheduler", "caspian")));
        return records;
    }

    private static RawRecord decision(int offset, long at, String workload, long latencyMs) {
        String payload = "{\"event_type\":\"scheduling_decision\",\"timestamp\":\"" + Instant.ofEpochMilli(at) + "\","
                + workload + "\"selected_cluster\":\"edge-1\",\"execution_time_ms\":" + latencyMs + ",\"origin\":\"edge-scheduler\"}";
        return new RawRecord("events-in", 0, offset, at, payload);
    }

    private static List<KeyedRawRecord> rules() {
        return List.of(new KeyedRawRecord("rules", 0, 0, T0, SLOW_EDGE.id(), AlertRuleJson.write(SLOW_EDGE)),
                new KeyedRawRecord("rules", 0, 1, T0, "broken", "{\"metric\":\"energy_kwh\",\"comparator\":\"~\",\"threshold\":1}"));
    }

    private static List<AnalyticsRecord> analytics(String group, String window, String scope) {
        return out.analytics.stream().filter(r -> r.metricGroup().equals(group) && r.window().equals(window)
                && r.scope().equals(scope)).toList();
    }

    private static double sum(List<AnalyticsRecord> records, String figure) {
        return records.stream().mapToDouble(r -> r.figures().get(figure)).sum();
    }

    private static List<AuditEvent> events(Predicate<AuditEvent> filter) {
        return out.auditEvents.stream().filter(filter).toList();
    }

    @Test
    void carbonOfTheRunAndItsBaselineAreCountedOnceInEveryWindowSize() {
        double watts = JOB.cpu() * config.energy().wattsPerCore() + JOB.memGb() * config.energy().wattsPerGbMemory();
        double kwh = watts * config.energy().pue() / 1000.0 * JOB.runtimeMinutes() / 60.0;
        for (String window : List.of("1m", "1h")) {
            List<AnalyticsRecord> overall = analytics(AnalyticsRecord.CARBON_EFFICIENCY, window, AnalyticsRecord.OVERALL);
            assertThat(sum(overall, CarbonEfficiencyAggregate.EMITTED)).as(window).isCloseTo(kwh * 300, within(1e-6));
            assertThat(sum(overall, CarbonEfficiencyAggregate.BASELINE)).as(window).isCloseTo(kwh * 500, within(1e-6));
            assertThat(sum(overall, CarbonEfficiencyAggregate.NET_SAVED)).as(window).isCloseTo(kwh * 200, within(1e-6));
            assertThat(sum(overall, CarbonEfficiencyAggregate.ENERGY)).as(window).isCloseTo(kwh, within(1e-9));
            assertThat(sum(overall, CarbonEfficiencyAggregate.MIGRATION_OVERHEAD)).isZero();
            assertThat(overall).allSatisfy(r -> assertThat(r.figures().get(CarbonEfficiencyAggregate.COST)).isNull());
            List<AnalyticsRecord> jp = analytics(AnalyticsRecord.CARBON_EFFICIENCY, window, "carbon-jp");
            assertThat(sum(jp, CarbonEfficiencyAggregate.EMITTED)).isCloseTo(kwh * 300, within(1e-6));
        }
        assertThat(analytics(AnalyticsRecord.CARBON_EFFICIENCY, "1h", "carbon-kr")).isEmpty();
    }

    @Test
    void slaOfTheCompletedWorkload() {
        List<AnalyticsRecord> sla = analytics(AnalyticsRecord.SLA_COMPLIANCE, "1h", AnalyticsRecord.OVERALL);
        assertThat(sla).hasSize(1);
        Map<String, Double> f = sla.get(0).figures();
        // dispatched at the first round (08:05), done 30 min later; the deadline window is 120 min from 08:02
        long ended = T0 + 35 * MINUTE;
        assertThat(f.get(SlaComplianceAggregate.ENDED)).isEqualTo(1.0);
        assertThat(f.get(SlaComplianceAggregate.MET_PCT)).isEqualTo(100.0);
        assertThat(f.get(SlaComplianceAggregate.LATENESS_TOTAL)).isZero();
        assertThat(f.get(SlaComplianceAggregate.RATIO_AVG)).isCloseTo((ended - JOB_SUBMITTED) / (120.0 * MINUTE), within(1e-9));
        assertThat(sla.get(0).windowStartMillis()).isEqualTo(T0);
    }

    @Test
    void latencyFiguresOfAnotherModulesDecisions() {
        List<AnalyticsRecord> minute = analytics(AnalyticsRecord.SCHEDULING_PERFORMANCE, "1m", "edge-1").stream()
                .filter(r -> r.windowStartMillis() == T0 + 70 * MINUTE).toList();
        assertThat(minute).hasSize(1);
        Map<String, Double> f = minute.get(0).figures();
        long[] sorted = EDGE_LATENCIES_MS.clone();
        java.util.Arrays.sort(sorted);
        assertThat(f.get(SchedulingPerformanceAggregate.DECISIONS)).isEqualTo(10.0);
        assertThat(f.get(SchedulingPerformanceAggregate.SUCCESS_RATE)).isEqualTo(100.0);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_AVG)).isEqualTo(java.util.Arrays.stream(sorted).average().orElseThrow());
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_P50)).isEqualTo((double) sorted[4]);
        assertThat(f.get(SchedulingPerformanceAggregate.LATENCY_P95)).isEqualTo((double) sorted[9]);
        assertThat(f.get(SchedulingPerformanceAggregate.THROUGHPUT)).isCloseTo(10 / 60.0, within(1e-9));
        assertThat(out.deadLetters).anyMatch(d -> d.source().equals("events-in") && d.detail().contains("workload_id"));
        assertThat(out.deadLetters).filteredOn(d -> d.reason().equals("reserved_origin")).singleElement()
                .satisfies(d -> assertThat(d.payload()).contains("\"origin\":\"caspian\""));
    }

    @Test
    void outsideEventsKeepTheirOriginAndTheirIdsAreNamespacedByIt() {
        List<AuditEvent> outside = out.auditEvents.stream().filter(e -> !e.origin().equals(AuditEvent.ORIGIN)).toList();
        assertThat(outside).hasSize(EDGE_LATENCIES_MS.length + 1).allSatisfy(e -> {
            assertThat(e.origin()).isEqualTo("edge-scheduler");
            assertThat(e.eventId()).startsWith("edge-scheduler:");
        });
        assertThat(out.auditEvents).filteredOn(e -> e.origin().equals(AuditEvent.ORIGIN))
                .allSatisfy(e -> assertThat(e.eventId()).doesNotContain(":"));
    }

    @Test
    void theAlertFiresAndResolvesOnceAndTheBrokenRuleIsRefused() {
        assertThat(out.alerts).extracting(Alert::state, Alert::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.FIRED, (double) EDGE_LATENCIES_MS[2]),
                org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, 5.0));
        assertThat(out.alerts.get(0).alertId()).isEqualTo(out.alerts.get(1).alertId());
        assertThat(out.alerts.get(0).timestampMillis()).isEqualTo(T0 + 71 * MINUTE);
        assertThat(out.deadLetters).anyMatch(d -> d.source().equals("rules") && d.detail().contains("comparator"));
    }

    @Test
    void clusterChangesAndIdleEpisodes() {
        assertThat(events(e -> e.eventType() == AuditEventType.CLUSTER_RECONFIGURATION))
                .extracting(e -> e.cluster() + " " + e.reconfiguration().action())
                .containsExactlyInAnyOrder("carbon-kr " + ClusterTracker.CREATED, "carbon-jp " + ClusterTracker.CREATED,
                        "carbon-cn " + ClusterTracker.CREATED, "carbon-jp " + ClusterTracker.SCALED);
        List<AuditEvent> inefficiencies = events(e -> e.eventType() == AuditEventType.INEFFICIENCY_DETECTED);
        assertThat(inefficiencies).extracting(e -> e.cluster() + " " + e.inefficiency().state()).containsExactlyInAnyOrder(
                "carbon-kr detected", "carbon-jp detected", "carbon-cn detected", "carbon-cn resolved");
        InefficiencyDetected resolved = inefficiencies.stream().filter(e -> e.inefficiency().state().equals("resolved"))
                .findFirst().orElseThrow().inefficiency();
        double kwh = 64 * config.audit().idleWattsPerCore() * config.energy().pue() / 1000.0; // one hour, all 64 cores idle
        assertThat(resolved.durationHours()).isEqualTo(1.0);
        assertThat(resolved.wastedEnergyKwh()).isCloseTo(kwh, within(1e-9));
        assertThat(resolved.wastedCo2G()).isCloseTo(kwh * 600, within(1e-6));
        assertThat(resolved.utilizationPct()).isZero();
    }

    @Test
    void everyAuditEventConformsToItsSchema() {
        assertThat(out.auditEvents).extracting(AuditEvent::eventType).contains(AuditEventType.SCHEDULING_DECISION,
                AuditEventType.CLUSTER_RECONFIGURATION, AuditEventType.INEFFICIENCY_DETECTED);
        for (AuditEvent event : out.auditEvents) {
            assertThat(AuditSchemas.violations(AuditEventJson.toNode(event))).as(AuditEventJson.write(event)).isEmpty();
        }
        assertThat(out.auditEvents).extracting(AuditEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void analyticsRecordsAndAlertsConformToTheirSchemas() {
        assertThat(out.analytics).isNotEmpty();
        for (AnalyticsRecord record : out.analytics) {
            assertThat(AuditSchemas.violations(AuditSchemas.ANALYTICS, AnalyticsRecordJson.toNode(record))).isEmpty();
        }
        for (Alert alert : out.alerts) {
            assertThat(AuditSchemas.violations(AuditSchemas.ALERT, AlertJson.toNode(alert))).isEmpty();
        }
        assertThat(out.analytics).extracting(AnalyticsRecordJson::id).doesNotHaveDuplicates();
    }
}
