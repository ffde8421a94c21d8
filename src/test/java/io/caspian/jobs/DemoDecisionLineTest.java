package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.SchedulingDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's DECISION lines: this job's own with outcome and reason, another module's shown as such. */
class DemoDecisionLineTest {

    private static final long ROUND = Instant.parse("2025-10-22T08:10:00Z").toEpochMilli();

    @Test
    void anotherModulesDecisionIsShownAsSuchNotAsNull() {
        SchedulingDecision reported = decision(null, null, List.of(
                new Alternative("carbon-kr", true, null, Double.NaN, Double.NaN, 18.5, null),
                new Alternative("carbon-cn", true, null, Double.NaN, Double.NaN, 22.3, null)));
        AuditEvent event = new AuditEvent("e1", AuditEventType.SCHEDULING_DECISION, ROUND, "ml-training-job-456", "carbon-jp",
                "kcloud-meta-scheduler", reported, null, null, null, null, null);

        assertThat(DemoJob.decisionLine(event)).isEqualTo("DECISION 2025-10-22T08:10:00Z ml-training-job-456 -> carbon-jp  "
                + "[other module: kcloud-meta-scheduler] decided there; alternatives it weighed: carbon-kr (cost 18.50), "
                + "carbon-cn (cost 22.30)").doesNotContain("null");
    }

    @Test
    void thisJobsDecisionShowsItsOutcomeAndReason() {
        AuditEvent event = AuditEvent.decision("bg-031", "carbon-jp", ROUND,
                decision("dispatched", "least carbon within the deadline: 13.35 gCO2 on carbon-jp starting now", List.of()));

        assertThat(DemoJob.decisionLine(event)).isEqualTo("DECISION 2025-10-22T08:10:00Z bg-031          -> carbon-jp  "
                + "[dispatched] least carbon within the deadline: 13.35 gCO2 on carbon-jp starting now");
    }

    private static SchedulingDecision decision(String outcome, String reason, List<Alternative> alternatives) {
        return new SchedulingDecision("caspian", null, "carbon-jp", outcome, reason, null, true, Double.NaN, Double.NaN, 1400,
                Double.NaN, alternatives, 180, null, null, Double.NaN, ROUND, null, null);
    }
}
