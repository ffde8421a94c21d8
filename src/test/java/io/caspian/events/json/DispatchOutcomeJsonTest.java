package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.DispatchFeedback;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dispatch-outcomes topic's records read back as written, and no other topic may claim them. */
class DispatchOutcomeJsonTest {

    private static final long ROUND = Instant.parse("2025-10-22T08:10:00Z").toEpochMilli();
    private static final long SEEN = ROUND + 3_120;

    @Test
    void aFailedMoveReadsBackAsWritten() throws Exception {
        WorkloadEvent outcome = WorkloadEvent.feedback("train-1", WorkloadAction.DISPATCH_FAILED, SEEN, "carbon-jp",
                DispatchFeedback.failed(ROUND, "carbon-kr", "kubernetes_api_error", "create Job failed after 3 attempt(s): 500"));
        String json = DispatchOutcomeJson.write(outcome);
        assertThat(json).contains("\"action\":\"dispatch_failed\"").contains("\"round_time\":\"2025-10-22T08:10:00Z\"");
        assertThat(DispatchOutcomeJson.parse(json)).isEqualTo(outcome);
    }

    @Test
    void aFirstDispatchReadsBackAsWritten() throws Exception {
        WorkloadEvent outcome = WorkloadEvent.feedback("train-1", WorkloadAction.DISPATCHED, SEEN, "carbon-kr",
                DispatchFeedback.dispatched(ROUND, null));
        assertThat(DispatchOutcomeJson.parse(DispatchOutcomeJson.write(outcome))).isEqualTo(outcome);
    }

    @Test
    void onlyOutcomesAreOutcomesAndTheWorkloadsTopicCannotClaimOne() {
        assertThatThrownBy(() -> DispatchOutcomeJson.parse(
                "{\"action\":\"completed\",\"job_id\":\"a\",\"timestamp\":\"2025-10-22T08:10:00Z\",\"cluster\":\"carbon-kr\","
                        + "\"round_time\":\"2025-10-22T08:10:00Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("dispatched, dispatch_failed");
        assertThatThrownBy(() -> WorkloadEventJson.parse(
                "{\"action\":\"dispatched\",\"job_id\":\"a\",\"timestamp\":\"2025-10-22T08:10:00Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("submitted, cancelled, completed, running, failed");
    }
}
