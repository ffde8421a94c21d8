package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonDataStatus;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.Resources;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.WorkloadRelocation;
import io.caspian.events.WorkloadSpec;
import io.caspian.sources.DemoEventsIn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's output of every event type, and of events parsed from other modules' spellings,
 * conforms to the packaged schemas; a schema rejects what the writer never writes. The workflow test
 * validates the events of a real run as well.
 */
class AuditEventSchemaTest {

    private static final long T = 1_761_120_000_000L;

    static List<AuditEvent> builtEvents() {
        WorkloadSpec spec = new WorkloadSpec(4, 16, 1, 20, 60, 180, List.of("carbon-kr", "carbon-jp"), "img", List.of("run"), null);
        SchedulingDecision decision = new SchedulingDecision("caspian", spec, "carbon-jp", "dispatched", "greenest now", T, true,
                120.5, 200.25, 150, 0.15, List.of(new Alternative("carbon-kr", true, T, 200, 0, 200, null),
                        new Alternative("carbon-cn", false, null, 0, 0, 0, "no capacity")),
                12, "greedy", "FEASIBLE", 0.0, T, "forecast", 0L);
        return List.of(
                AuditEvent.decision("job-1", "carbon-jp", T, decision),
                AuditEvent.relocation("job-1", T, new WorkloadRelocation("carbon-kr", "carbon-jp", "carbon_intensity_change",
                        "greener", 300, 40, 110, 190, 20, null, null, null, null)),
                AuditEvent.reconfiguration("carbon-kr", T, new ClusterReconfiguration("cluster_scaled", "KR",
                        new Resources(96, 384, 0), new Resources(64, 256, 0), "ready", "ready", "total capacity changed")),
                AuditEvent.reconfiguration("carbon-kr", T, new ClusterReconfiguration("cluster_created", "KR",
                        new Resources(96, 384, 0), null, "ready", null, "first registration")),
                AuditEvent.inefficiency("carbon-cn", T, new InefficiencyDetected("idle_cluster", "detected", 2.5, 0.5, 0.64,
                        null, null, "high", "cluster_shutdown", false, 0.1)),
                AuditEvent.inefficiency("carbon-cn", T, new InefficiencyDetected("underutilized_cluster", "resolved", 12, 2,
                        1.2, 400.0, 0.3, "medium", "cluster_consolidation", false, 0)),
                AuditEvent.carbonStatus(T, new CarbonDataStatus("KR", "stale", T - 5_400_000, 95)),
                AuditEvent.relocation("job-2", T, new WorkloadRelocation("carbon-kr", "carbon-jp", "power_optimization",
                        "measured", 300, 40, 110, 190, 20, 35.0, 1.5, 250.0, 3.75)),
                AuditEvent.policyChange(T, new io.caspian.events.PolicyChange(3, "domain:asia", 2, List.of(
                        new io.caspian.events.PolicyChange.Change("migration.lambda-gco2", "100.0", "400.0"),
                        new io.caspian.events.PolicyChange.Change("scheduler.solver", "\"auto\"", "\"greedy\"")),
                        "ops", null, T + 300_000)));
    }

    @Test
    void everyBuiltEventConformsToItsSchema() {
        for (AuditEvent event : builtEvents()) {
            assertThat(AuditSchemas.violations(AuditEventJson.toNode(event))).as(event.eventType().wireName()).isEmpty();
        }
    }

    @Test
    void theTextAndTheTreeOfAnEventSayTheSame() {
        for (AuditEvent event : builtEvents()) {
            assertThat(AuditEventJson.write(event)).as(event.eventType().wireName())
                    .isEqualTo(Json.write(AuditEventJson.toNode(event)));
        }
    }

    @Test
    void anUnknownFigureIsWrittenAsNullNeverAsZero() throws Exception {
        AuditEvent measured = AuditEvent.relocation("job-3", T, new WorkloadRelocation("carbon-kr", "carbon-jp", "power_optimization",
                "measured", Double.NaN, 40, 110, 190, 20, Double.POSITIVE_INFINITY, null, 250.0, 3.75));
        ObjectNode read = (ObjectNode) Json.MAPPER.readTree(AuditEventJson.write(measured));
        assertThat(read.get("migration").get("carbon_saving_g").isNull()).isTrue();
        assertThat(read.get("migration_time_seconds").isNull()).isTrue();
        assertThat(read.get("downtime_seconds").isNull()).isTrue();
        assertThat(read.get("migration").get("power_saving_watts").asDouble()).isEqualTo(250.0);
    }

    @Test
    void eventsFromOtherModulesConformOnceParsed() throws Exception {
        int parsed = 0;
        for (var record : DemoEventsIn.records()) {
            try {
                AuditEvent event = AuditEventInJson.parse(record.payload());
                assertThat(AuditSchemas.violations(AuditEventJson.toNode(event))).isEmpty();
                parsed++;
            } catch (InvalidRecordException expected) {
                assertThat(expected.reason()).isEqualTo(InvalidRecordException.MISSING_FIELD);
            }
        }
        assertThat(parsed).isEqualTo(2);
    }

    @Test
    void theAnalyticsSchemaNamesExactlyTheFiguresTheJobComputes() {
        var properties = new java.util.TreeSet<String>();
        AuditSchemas.ANALYTICS.getSchemaNode().get("properties").fieldNames().forEachRemaining(properties::add);
        properties.removeAll(List.of("record_id", "window_start", "window_end", "window", "scope", "metric_group"));
        assertThat(properties).containsExactlyInAnyOrderElementsOf(io.caspian.audit.AnalyticsFigures.all());
    }

    @Test
    void schemasRejectWhatTheWriterNeverWrites() {
        ObjectNode decision = AuditEventJson.toNode(builtEvents().get(0));
        decision.put("unexpected", 1);
        assertThat(AuditSchemas.violations(decision)).anyMatch(m -> m.contains("unexpected"));

        ObjectNode relocation = AuditEventJson.toNode(builtEvents().get(1));
        relocation.put("timestamp", "yesterday");
        assertThat(AuditSchemas.violations(relocation)).isNotEmpty();

        ObjectNode unmeasured = AuditEventJson.toNode(builtEvents().get(1));
        assertThat(unmeasured.get("downtime_seconds").isNull()).as("unknown is null").isTrue();
        unmeasured.put("downtime_seconds", -1);
        assertThat(AuditSchemas.violations(unmeasured)).anyMatch(m -> m.contains("downtime_seconds"));

        ObjectNode reconfiguration = AuditEventJson.toNode(builtEvents().get(2));
        reconfiguration.put("action", "cluster_exploded");
        assertThat(AuditSchemas.violations(reconfiguration)).isNotEmpty();

        ObjectNode inefficiency = AuditEventJson.toNode(builtEvents().get(4));
        ((ObjectNode) inefficiency.get("inefficiency")).remove("wasted_energy_kwh");
        assertThat(AuditSchemas.violations(inefficiency)).anyMatch(m -> m.contains("wasted_energy_kwh"));
    }
}
