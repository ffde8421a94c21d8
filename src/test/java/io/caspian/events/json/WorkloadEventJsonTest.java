package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WorkloadEventJsonTest {

    private static final String VALID = """
            {"job_id":"track-migration-1","timestamp":"2025-10-22T08:00:30Z","cpu":2.0,"mem_gb":4.0,
             "data_gb":10.0,"runtime_minutes":60,"deadline_minutes":240,"affinity_clusters":["carbon-kr","carbon-jp"],
             "image":"python:3.11","command":["python","job.py"]}""";

    @Test
    void readsTheSeedsAppWrapperFieldsAndDefaultsToSubmitted() throws Exception {
        WorkloadEvent event = WorkloadEventJson.parse(VALID);
        assertThat(event.action()).isEqualTo(WorkloadAction.SUBMITTED);
        assertThat(event.jobId()).isEqualTo("track-migration-1");
        assertThat(event.spec().dataGb()).isEqualTo(10.0);
        assertThat(event.spec().affinityClusters()).containsExactly("carbon-kr", "carbon-jp");
        assertThat(event.spec().gpu()).isZero();
    }

    @Test
    void roundTripsThroughItsOwnJson() throws Exception {
        WorkloadEvent event = WorkloadEventJson.parse(VALID);
        assertThat(WorkloadEventJson.parse(WorkloadEventJson.write(event))).isEqualTo(event);
    }

    @Test
    void aTenantAndLabelsScopeItsPolicies() throws Exception {
        String labelled = VALID.replace("\"image\"", "\"tenant\":\"acme\",\"labels\":{\"team\":\"ml\",\"tier\":2},\"image\"");
        WorkloadEvent event = WorkloadEventJson.parse(labelled);
        assertThat(event.spec().tenant()).isEqualTo("acme");
        assertThat(event.spec().labels()).containsExactly(java.util.Map.entry("team", "ml"), java.util.Map.entry("tier", "2"));
        assertThat(WorkloadEventJson.parse(WorkloadEventJson.write(event))).isEqualTo(event);
        assertThat(WorkloadEventJson.parse(VALID).spec().labels()).isEmpty();
        assertThatThrownBy(() -> WorkloadEventJson.parse(VALID.replace("\"image\"", "\"labels\":[\"team\"],\"image\"")))
                .hasMessageContaining("field 'labels' must be a mapping");
    }

    @Test
    void cancellationNeedsNoResources() throws Exception {
        WorkloadEvent event = WorkloadEventJson.parse(
                "{\"job_id\":\"j\",\"action\":\"cancelled\",\"timestamp\":1761120000000}");
        assertThat(event.action()).isEqualTo(WorkloadAction.CANCELLED);
        assertThat(event.spec()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative cpu         | "cpu":-2            | invalid_field | field 'cpu' must be a number > 0, got -2
            zero memory          | "mem_gb":0          | invalid_field | field 'mem_gb' must be a number > 0, got 0
            cpu as a string      | "cpu":"four"        | invalid_field | field 'cpu' must be a number > 0, got "four"
            fractional runtime   | "runtime_minutes":1.5 | invalid_field | field 'runtime_minutes' must be a whole number > 0
            negative data        | "data_gb":-1        | invalid_field | field 'data_gb' must be a number >= 0
            deadline too short   | "deadline_minutes":30 | invalid_field | 'deadline_minutes' (30) is shorter than 'runtime_minutes' (60)
            unknown action       | "action":"paused"   | invalid_field | field 'action' must be one of
            affinity not a list  | "affinity_clusters":7 | invalid_field | field 'affinity_clusters' must be a list of strings
            bad timestamp        | "timestamp":"yesterday" | invalid_field | field 'timestamp' must be an ISO-8601 time
            """)
    void refusesABadFieldWithAReasonThatNamesIt(String name, String override, String reason, String detail) {
        String field = override.substring(1, override.indexOf('"', 1));
        String payload = VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^]]*]|[^,}]*)", override);
        if (!payload.contains(override)) {
            payload = payload.replace("{", "{" + override + ",");
        }
        String finalPayload = payload;
        assertThatThrownBy(() -> WorkloadEventJson.parse(finalPayload))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(detail)
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(reason);
    }

    @Test
    void missingFieldIsNamed() {
        assertThatThrownBy(() -> WorkloadEventJson.parse("{\"job_id\":\"j\",\"timestamp\":0,\"cpu\":1,\"mem_gb\":1,\"runtime_minutes\":5}"))
                .hasMessage("field 'deadline_minutes' is required")
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(InvalidRecordException.MISSING_FIELD);
    }

    @Test
    void malformedJsonIsRefusedAsSuch() {
        assertThatThrownBy(() -> WorkloadEventJson.parse("{\"job_id\": \"broken"))
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(InvalidRecordException.INVALID_JSON);
        assertThatThrownBy(() -> WorkloadEventJson.parse("[1,2]"))
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void oversizedPayloadIsRefusedBeforeParsing() {
        String huge = "{\"job_id\":\"" + "x".repeat(Json.MAX_PAYLOAD_BYTES) + "\"}";
        assertThatThrownBy(() -> WorkloadEventJson.parse(huge))
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(InvalidRecordException.OVERSIZED);
    }
}
