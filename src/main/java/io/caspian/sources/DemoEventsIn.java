package io.caspian.sources;

import io.caspian.events.RawRecord;
import java.util.List;

/**
 * What other modules publish on the events-in topic during the demo: a scheduling decision in the
 * logger SDK's keyword spelling, a relocation in the seed's document shape, and one event without a
 * workload id, which the job refuses to the dead letters.
 */
public final class DemoEventsIn {

    public static final String SOURCE = "demo-events-in";

    private DemoEventsIn() {}

    public static List<RawRecord> records() {
        return List.of(
                record(0, """
                        {"event_type":"scheduling_decision","timestamp":"2025-10-22T08:10:00Z","origin":"kcloud-meta-scheduler",
                         "workload_id":"ml-training-job-456","selected_cluster":"carbon-jp",
                         "alternatives":[{"cluster":"carbon-kr","cost":18.5},{"cluster":"carbon-cn","cost":22.3}],
                         "cost_calculation":{"power_watts":1400,"cost_per_hour":16.8},"execution_time_ms":180}"""),
                record(1, """
                        {"event_type":"workload_relocation","timestamp":"2025-10-22T08:20:00Z","origin":"kcloud-logger",
                         "trigger":"power_efficiency_optimization","workload":"inference-service-456",
                         "migration":{"from_cluster":"carbon-cn","to_cluster":"carbon-jp","reason":"greener grid",
                         "power_saving_watts":300,"cost_saving_per_hour":4.2},
                         "migration_time_seconds":45,"downtime_seconds":2}"""),
                record(2, """
                        {"event_type":"scheduling_decision","timestamp":"2025-10-22T08:30:00Z","selected_cluster":"carbon-kr",
                         "execution_time_ms":12}"""));
    }

    private static RawRecord record(long offset, String payload) {
        return new RawRecord(SOURCE, 0, offset, DemoScenario.T1.toEpochMilli(), payload.replace("\n", ""));
    }
}
