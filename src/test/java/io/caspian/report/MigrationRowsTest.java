package io.caspian.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.events.AuditEvent;
import io.caspian.events.WorkloadRelocation;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report lists a move once, though its measured follow-up carries its event_id again. */
class MigrationRowsTest {

    private static final long T = 1_761_120_300_000L;

    @Test
    void aMoveAndItsFollowUpAreOneRow() throws Exception {
        WorkloadRelocation decided = new WorkloadRelocation("carbon-kr", "carbon-jp", "carbon_intensity_change", "greener", 300,
                40, 110, 190, 20, null, null, null, null, WorkloadRelocation.DECIDED);
        WorkloadRelocation other = new WorkloadRelocation("carbon-kr", "carbon-cn", "carbon_intensity_change", "greener", 50,
                10, 30, 20, 5, null, null, null, null, WorkloadRelocation.DECIDED);
        List<JsonNode> events = new ArrayList<>();
        events.add(Json.parse(AuditEventJson.write(AuditEvent.relocation("job-1", T, decided))));
        events.add(Json.parse(AuditEventJson.write(AuditEvent.relocation("job-2", T, other))));
        events.add(Json.parse(AuditEventJson.write(AuditEvent.relocation("job-1", T,
                decided.outcome(WorkloadRelocation.COMPLETED, "moved", 12.5, 0.0)))));

        List<AuditReport.MigrationRow> rows = AuditReportBuilder.migrations(events);

        assertThat(rows).extracting(AuditReport.MigrationRow::workload).containsExactly("job-1", "job-2");
        assertThat(rows.get(0).costG()).isEqualTo(110.0);
    }
}
