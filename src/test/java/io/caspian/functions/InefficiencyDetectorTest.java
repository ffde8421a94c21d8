package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.audit.InefficiencyRules;
import io.caspian.audit.ZoneIntensities;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.Resources;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class InefficiencyDetectorTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_761_120_000_000L;
    private static final Resources TOTAL = new Resources(100, 400, 0);
    private static final double INTENSITY = 500;
    /** 20 % threshold for 30 min, 10 W a core, PUE 1, idle below 5 %, no price. */
    private static final InefficiencyRules RULES = new InefficiencyRules(20, 30 * MINUTE, 10, 1.0, 5, null);

    private static KeyedBroadcastOperatorTestHarness<String, Cluster, CarbonReading, AuditEvent> harness() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new InefficiencyDetector(RULES, 90 * MINUTE), Cluster::name, Types.STRING, InefficiencyDetector.BROADCAST_STATES);
        harness.open();
        for (long minute = -1; minute < 24 * 60; minute += 60) { // hourly readings, fresh for 90 min each
            harness.processBroadcastElement(new CarbonReading("KR", INTENSITY, T0 + minute * MINUTE, "test", false, "average",
                    List.of()), T0 + minute * MINUTE);
        }
        return harness;
    }

    /** Event time moves on both inputs: the operator's watermark is the lower of the two. */
    private static void advance(KeyedBroadcastOperatorTestHarness<String, Cluster, CarbonReading, AuditEvent> harness, long to)
            throws Exception {
        harness.processWatermark(new Watermark(to));
        harness.processBroadcastWatermark(new Watermark(to));
    }

    private static void report(KeyedBroadcastOperatorTestHarness<String, Cluster, CarbonReading, AuditEvent> harness,
            double availableCpu, long at) throws Exception {
        harness.processElement(new StreamRecord<>(new Cluster("carbon-kr", "KR", TOTAL, new Resources(availableCpu, 400, 0),
                "ctx", ClusterStatus.READY, at), at));
    }

    private static List<InefficiencyDetected> findings(KeyedBroadcastOperatorTestHarness<String, Cluster, CarbonReading, AuditEvent> h) {
        return h.extractOutputValues().stream().map(AuditEvent::inefficiency).toList();
    }

    @Test
    void oneEventPerEpisodeAndOneWhenItEnds() throws Exception {
        try (var harness = harness()) {
            for (long minute = 0; minute <= 60; minute += 5) {
                report(harness, 95, T0 + minute * MINUTE); // 5 % used, every 5 minutes for an hour
                advance(harness, T0 + minute * MINUTE);
            }
            assertThat(findings(harness)).extracting(InefficiencyDetected::state).containsExactly(InefficiencyRules.DETECTED);
            report(harness, 10, T0 + 90 * MINUTE); // 90 % used: the episode ends
            assertThat(findings(harness)).hasSize(1); // not before the watermark passes the update
            advance(harness, T0 + 90 * MINUTE);

            List<InefficiencyDetected> findings = findings(harness);
            assertThat(findings).extracting(InefficiencyDetected::state)
                    .containsExactly(InefficiencyRules.DETECTED, InefficiencyRules.RESOLVED);
            InefficiencyDetected detected = findings.get(0);
            assertThat(detected.durationHours()).isEqualTo(0.5);
            assertThat(detected.wastedEnergyKwh()).isCloseTo(95 * 10 / 1000.0 * 0.5, within(1e-9));
            InefficiencyDetected resolved = findings.get(1);
            assertThat(resolved.durationHours()).isEqualTo(1.5);
            assertThat(resolved.wastedEnergyKwh()).isCloseTo(0.95 * 1.5, within(1e-9));
            assertThat(resolved.wastedCo2G()).isCloseTo(0.95 * 1.5 * INTENSITY, within(1e-6));
            assertThat(resolved.wastedCostEstimate()).isNull();
            assertThat(resolved.severity()).isEqualTo("medium");
            assertThat(harness.extractOutputValues()).extracting(AuditEvent::eventId).doesNotHaveDuplicates();
            assertThat(HarnessState.keyedEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aQuietClusterIsRaisedByItsTimer() throws Exception {
        try (var harness = harness()) {
            report(harness, 100, T0); // idle, then silent
            advance(harness, T0 + 29 * MINUTE);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the episode's due timer
            assertThat(harness.extractOutputValues()).isEmpty();
            advance(harness, T0 + 30 * MINUTE);
            List<InefficiencyDetected> findings = findings(harness);
            assertThat(findings).hasSize(1);
            assertThat(findings.get(0).type()).isEqualTo(InefficiencyRules.IDLE);
            assertThat(findings.get(0).recommendedAction()).isEqualTo(InefficiencyRules.SHUTDOWN);
            assertThat(harness.numEventTimeTimers()).isZero();
            advance(harness, T0 + 300 * MINUTE);
            assertThat(findings(harness)).hasSize(1); // not one per tick
        }
    }

    @Test
    void aShortDipRaisesNothingAndLeavesNothingBehind() throws Exception {
        try (var harness = harness()) {
            report(harness, 100, T0);
            report(harness, 20, T0 + 10 * MINUTE);
            advance(harness, T0 + 120 * MINUTE);
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(HarnessState.keyedEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    /**
     * A savepoint taken while the readings were kept as {@link ZoneIntensities} under {@code carbon-by-zone}:
     * they price an episode before any new reading comes, and the first one moves them into the present
     * state and clears the former.
     */
    @Test
    void readingsRestoredInTheFormerFormArePricedAndMovedOver() throws Exception {
        OperatorSubtaskState savepoint;
        try (var former = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new InefficiencyDetector(RULES, 90 * MINUTE), Cluster::name, Types.STRING, InefficiencyDetector.CARBON_BY_ZONE)) {
            former.open();
            ZoneIntensities kept = new ZoneIntensities();
            for (long minute = -1; minute < 24 * 60; minute += 60) {
                kept.timesMillis.add(T0 + minute * MINUTE);
                kept.intensities.add(INTENSITY);
            }
            former.getBroadcastState(InefficiencyDetector.CARBON_BY_ZONE).put("KR", kept);
            savepoint = former.snapshot(1, T0);
        }

        try (var harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new InefficiencyDetector(RULES, 90 * MINUTE), List.of(InefficiencyDetector.BROADCAST_STATES)),
                Cluster::name, Types.STRING, 1, 1, 0)) {
            harness.setup();
            harness.initializeState(savepoint);
            harness.open();
            report(harness, 95, T0);
            report(harness, 10, T0 + 90 * MINUTE);
            advance(harness, T0 + 90 * MINUTE);
            List<InefficiencyDetected> findings = findings(harness);
            assertThat(findings).extracting(InefficiencyDetected::state)
                    .containsExactly(InefficiencyRules.DETECTED, InefficiencyRules.RESOLVED);
            assertThat(findings.get(1).wastedCo2G()).isCloseTo(0.95 * 1.5 * INTENSITY, within(1e-6));
            assertThat(findings.get(1).unpricedHours()).isZero();

            harness.processBroadcastElement(new CarbonReading("JP", 400, T0 + 91 * MINUTE, "test", false, "average",
                    List.of()), T0 + 91 * MINUTE);
            assertThat(harness.getBroadcastState(InefficiencyDetector.CARBON_BY_ZONE).entries()).isEmpty();
            assertThat(harness.getBroadcastState(InefficiencyDetector.READINGS_BY_ZONE).get("KR").size()).isEqualTo(25);
            assertThat(harness.getBroadcastState(InefficiencyDetector.READINGS_BY_ZONE).get("JP").size()).isEqualTo(1);
        }
    }
}
