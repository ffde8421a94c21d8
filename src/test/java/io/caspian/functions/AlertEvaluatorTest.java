package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.Alert;
import io.caspian.events.AlertRule;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.AnalyticsRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_761_120_000_000L;
    private static final AlertRule SLOW = new AlertRule("slow", SchedulingPerformanceAggregate.LATENCY_P95, ">", 100, "1m",
            null, "high", true);

    private static AnalyticsRecord record(String scope, int minute, Double p95) {
        Map<String, Double> figures = new HashMap<>();
        figures.put(SchedulingPerformanceAggregate.LATENCY_P95, p95);
        return new AnalyticsRecord(T0 + minute * MINUTE, T0 + (minute + 1) * MINUTE, "1m", scope,
                AnalyticsRecord.SCHEDULING_PERFORMANCE, figures);
    }

    private static KeyedBroadcastOperatorTestHarness<String, AnalyticsRecord, AlertRuleUpdate, Alert> harness() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AlertEvaluator(), AlertEvaluator::key,
                Types.STRING, AlertEvaluator.RULES);
        harness.open();
        harness.processBroadcastElement(new AlertRuleUpdate(SLOW.id(), SLOW), T0);
        return harness;
    }

    private static void process(KeyedBroadcastOperatorTestHarness<String, AnalyticsRecord, AlertRuleUpdate, Alert> harness,
            AnalyticsRecord record) throws Exception {
        harness.processElement(new StreamRecord<>(record, record.windowEndMillis()));
    }

    @Test
    void firesOnceAndResolvesOncePerEpisodeAndScope() throws Exception {
        try (var harness = harness()) {
            process(harness, record("overall", 0, 150.0));
            process(harness, record("overall", 1, 180.0)); // still breached: no second alert
            process(harness, record("carbon-kr", 1, 120.0)); // its own episode
            process(harness, record("overall", 2, null)); // undefined figure: no change
            process(harness, record("overall", 3, 90.0));
            process(harness, record("overall", 4, 95.0));

            List<Alert> alerts = harness.extractOutputValues();
            assertThat(alerts).extracting(Alert::state, Alert::scope, Alert::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Alert.FIRED, "overall", 150.0),
                    org.assertj.core.groups.Tuple.tuple(Alert.FIRED, "carbon-kr", 120.0),
                    org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, "overall", 90.0));
            assertThat(alerts.get(2).alertId()).isEqualTo(alerts.get(0).alertId());
            assertThat(alerts.get(1).alertId()).isNotEqualTo(alerts.get(0).alertId());
            assertThat(alerts.get(2).timestampMillis()).isEqualTo(T0 + 4 * MINUTE);
        }
    }

    @Test
    void removingARuleResolvesItsOpenEpisodesAndStopsIt() throws Exception {
        try (var harness = harness()) {
            process(harness, record("overall", 0, 150.0));
            process(harness, record("carbon-kr", 0, 150.0));
            harness.processBroadcastElement(new AlertRuleUpdate(SLOW.id(), null), T0 + 5 * MINUTE); // tombstone
            process(harness, record("overall", 6, 500.0));

            List<Alert> alerts = harness.extractOutputValues();
            assertThat(alerts).extracting(Alert::state).containsExactly(Alert.FIRED, Alert.FIRED, Alert.RESOLVED, Alert.RESOLVED);
            assertThat(alerts.subList(2, 4)).extracting(Alert::value).containsOnlyNulls();
            assertThat(HarnessState.keyedEntries(harness)).isZero();
        }
    }

    @Test
    void aDisabledRuleAndAnotherWindowDoNotApply() throws Exception {
        try (var harness = harness()) {
            harness.processBroadcastElement(new AlertRuleUpdate(SLOW.id(), new AlertRule("slow", SLOW.metric(), ">", 100, "1m",
                    null, "high", false)), T0);
            process(harness, record("overall", 0, 150.0));
            AlertRule hourly = new AlertRule("hourly", SLOW.metric(), ">", 100, "1h", null, "low", true);
            harness.processBroadcastElement(new AlertRuleUpdate(hourly.id(), hourly), T0);
            process(harness, record("overall", 1, 150.0));
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }
}
