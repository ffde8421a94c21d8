package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.audit.AnalyticsFigures;
import io.caspian.audit.PolicySample;
import io.caspian.events.Alert;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.json.AlertRuleJson;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * A policy switch compared over equal spans before and after it, and an alert rule on the comparison:
 * "the p95 decision latency is not at least 30 % lower after the switch" fires for a 10 % cut and stays
 * quiet for a 50 % cut.
 */
class PolicySwitchAnalyticsTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long SWITCH = 1_761_120_000_000L + 2 * HOUR;

    /** Before: 12 intervals saving 10 %, decisions of 100 ms, 4 of 4 deadlines; after: saving 30 %, decisions of `after` ms, 1 of 2. */
    private static List<AnalyticsRecord> run(long afterLatencyMillis) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PolicySample, AnalyticsRecord> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new PolicySwitchAnalytics(HOUR, 5 * MINUTE, 0.25),
                        sample -> AnalyticsRecord.OVERALL, Types.STRING)) {
            harness.open();
            for (long t = SWITCH - 2 * HOUR; t < SWITCH + HOUR; t += 5 * MINUTE) {
                boolean after = t >= SWITCH;
                long version = after ? 2 : 1;
                add(harness, PolicySample.interval(t, version, after ? 70 : 90, 100, after ? 3 : 0, 0.5));
                add(harness, PolicySample.decision(t, version, after ? afterLatencyMillis : 100));
                // a slow decision long before the compared span must not count
                if (t == SWITCH - 2 * HOUR) {
                    add(harness, PolicySample.decision(t, version, 100_000));
                }
            }
            for (int i = 0; i < 4; i++) {
                add(harness, PolicySample.ended(SWITCH - (i + 1) * 10 * MINUTE, 1, true));
            }
            add(harness, PolicySample.ended(SWITCH + 10 * MINUTE, 2, true));
            add(harness, PolicySample.ended(SWITCH + 20 * MINUTE, 2, false));
            add(harness, PolicySample.change(SWITCH, 2, 1));
            harness.processWatermark(SWITCH + HOUR - 1);
            assertThat(harness.extractOutputValues()).as("not before the span after the switch has passed").isEmpty();
            harness.processWatermark(SWITCH + HOUR);
            return harness.extractOutputValues();
        }
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, PolicySample, AnalyticsRecord> harness,
            PolicySample sample) throws Exception {
        harness.processElement(new StreamRecord<>(sample, sample.atMillis()));
    }

    @Test
    void eachSwitchIsComparedOverEqualSpansBeforeAndAfter() throws Exception {
        AnalyticsRecord record = run(90).get(0);
        assertThat(record.metricGroup()).isEqualTo(PolicySwitchAnalytics.METRIC_GROUP);
        assertThat(record.window()).isEqualTo(PolicySwitchAnalytics.WINDOW);
        assertThat(record.windowStartMillis()).isEqualTo(SWITCH - HOUR);
        assertThat(record.windowEndMillis()).isEqualTo(SWITCH + HOUR);
        assertThat(record.figures()).containsEntry("from_version", 1.0).containsEntry("to_version", 2.0)
                .containsEntry("before_saving_pct", 10.0).containsEntry("after_saving_pct", 30.0)
                .containsEntry("before_decisions", 12.0).containsEntry("after_decisions", 12.0)
                .containsEntry("before_decision_latency_p95_ms", 100.0).containsEntry("after_decision_latency_p95_ms", 90.0)
                .containsEntry("before_migration_cost_g", 0.0).containsEntry("after_migration_cost_g", 36.0)
                .containsEntry("before_deadlines_met_pct", 100.0).containsEntry("after_deadlines_met_pct", 50.0)
                .containsEntry("before_cost", 12 * 0.5 * 0.25);
        assertThat(record.figures().get("saving_change_pp")).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(record.figures().get("decision_latency_p95_change_pct")).isCloseTo(-10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(record.figures().get("deadlines_met_change_pp")).isEqualTo(-50.0);
        assertThat(AnalyticsFigures.all()).containsAll(record.figures().keySet());
    }

    @Test
    void aLatencyRuleAcrossTheSwitchFiresOnlyWhenTheCutFallsShort() throws Exception {
        assertThat(alerts(run(90))).as("10 % lower: short of the 30 % asked").singleElement()
                .satisfies(a -> {
                    assertThat(a.state()).isEqualTo(Alert.FIRED);
                    assertThat(a.value()).isCloseTo(-10.0, org.assertj.core.data.Offset.offset(1e-9));
                });
        assertThat(alerts(run(50))).as("50 % lower").isEmpty();
    }

    private static List<Alert> alerts(List<AnalyticsRecord> records) throws Exception {
        AlertRuleUpdate rule = AlertRuleJson.parse("latency-cut", "{\"metric\":\"decision_latency_p95_change_pct\","
                        + "\"comparator\":\">\",\"threshold\":-30,\"window\":\"switch\",\"severity\":\"high\"}",
                AnalyticsFigures.all(), List.of("1m", "1h", PolicySwitchAnalytics.WINDOW));
        try (var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AlertEvaluator(), AlertEvaluator::key,
                Types.STRING, AlertEvaluator.RULES)) {
            harness.open();
            harness.processBroadcastElement(rule, SWITCH);
            for (AnalyticsRecord record : records) {
                harness.processElement(new StreamRecord<>(record, record.windowEndMillis()));
            }
            return harness.extractOutputValues();
        }
    }
}
