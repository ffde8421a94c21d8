package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.DeadLetter;
import io.caspian.events.Origin;
import io.caspian.events.Resources;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CarbonZoneTrackerTest {

    static final long T0 = 1_761_120_000_000L; // 2025-10-22T08:00:00Z
    static final long MINUTE = 60_000L;
    static final long MAX_AGE = 90 * MINUTE;

    static CarbonReading reading(String zone, long at, String signal) {
        return new CarbonReading(zone, 400, at, "test", false, signal, List.of())
                .withOrigin(new Origin("carbon", 0, at / MINUTE, at, "{\"zone\":\"" + zone + "\"}", "utf-8", 14));
    }

    static Cluster cluster(String name, String zone, ClusterStatus status) {
        Resources capacity = new Resources(64, 256, 0);
        return new Cluster(name, zone, capacity, capacity, null, status, T0 - MINUTE);
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, CarbonReading, Cluster, CarbonReading> harness(CarbonZoneTracker tracker)
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(tracker),
                CarbonReading::zone, Cluster::geolocation, Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void aZoneWithoutAClusterLeavesNoGaugeAndNoStateOnceEventTimePassesIt() throws Exception {
        CarbonZoneTracker tracker = new CarbonZoneTracker("average", MAX_AGE, "carbon");
        try (var harness = harness(tracker)) {
            for (int i = 0; i < 100; i++) {
                harness.processElement1(reading("ZZ-" + i, T0, "average"), T0);
                harness.processElement1(reading("ZZ-" + i, T0 + MINUTE, "average"), T0 + MINUTE);
            }
            // every reading goes on to the rounds, which refuse it in event-time order
            assertThat(harness.extractOutputValues()).hasSize(200);
            assertThat(tracker.gaugedZones()).isEmpty();
            // only each zone's latest reading waits, for a registration of the same instant
            assertThat(harness.numEventTimeTimers()).isEqualTo(100);

            harness.processWatermark1(new Watermark(T0 + MINUTE));
            harness.processWatermark2(new Watermark(T0 + MINUTE));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(tracker.gaugedZones()).isEmpty();
        }
    }

    @Test
    void aReadingThatArrivesBeforeItsClustersRegistrationIsTrackedFromTheRegistration() throws Exception {
        CarbonZoneTracker tracker = new CarbonZoneTracker("average", MAX_AGE, "carbon");
        try (var harness = harness(tracker)) {
            harness.processElement1(reading("KR", T0, "average"), T0);
            harness.processElement2(cluster("carbon-kr", "KR", ClusterStatus.READY), T0 - MINUTE);
            assertThat(tracker.gaugedZones()).containsExactly("KR");
            assertThat(harness.extractOutputValues()).hasSize(1); // forwarded once, when it arrived
            harness.processWatermark1(new Watermark(T0 + MAX_AGE + MINUTE));
            harness.processWatermark2(new Watermark(T0 + MAX_AGE + MINUTE));
            assertThat(harness.getSideOutput(OutputTags.AUDIT_EVENTS)).hasSize(1); // and goes stale in time
        }
    }

    @Test
    void aZoneGoesStaleMaxAgeAfterItsLatestReadingWithOneTimerForAllItsReadings() throws Exception {
        CarbonZoneTracker tracker = new CarbonZoneTracker("average", MAX_AGE, "carbon");
        try (var harness = harness(tracker)) {
            harness.processElement2(cluster("carbon-kr", "KR", ClusterStatus.READY), T0 - MINUTE);
            for (int i = 0; i < 3; i++) {
                harness.processElement1(reading("KR", T0 + i * 10 * MINUTE, "average"), T0 + i * 10 * MINUTE);
            }
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
            long last = T0 + 20 * MINUTE;

            advance(harness, last + MAX_AGE);
            assertThat(harness.getSideOutput(OutputTags.AUDIT_EVENTS)).as("the first reading's deadline passed, not the latest's")
                    .isNullOrEmpty();
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            advance(harness, last + MAX_AGE + 1);
            List<AuditEvent> events = harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.carbonStatus().status()).isEqualTo("stale");
                assertThat(e.timestampMillis()).isEqualTo(last + MAX_AGE + 1);
            });

            long back = last + 2 * MAX_AGE;
            harness.processElement1(reading("KR", back, "average"), back);
            events = harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(events).hasSize(2).last().satisfies(e -> assertThat(e.carbonStatus().status()).isEqualTo("restored"));
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        }
    }

    private static void advance(KeyedTwoInputStreamOperatorTestHarness<String, CarbonReading, Cluster, CarbonReading> harness,
            long to) throws Exception {
        harness.processWatermark1(new Watermark(to));
        harness.processWatermark2(new Watermark(to));
    }

    @Test
    void aRegisteredZoneIsTrackedGoesStaleAndIsForgottenWithItsLastCluster() throws Exception {
        CarbonZoneTracker tracker = new CarbonZoneTracker("average", MAX_AGE, "carbon");
        try (var harness = harness(tracker)) {
            harness.processElement2(cluster("carbon-kr", "KR", ClusterStatus.READY), T0 - MINUTE);
            harness.processElement1(reading("KR", T0, "average"), T0);
            assertThat(tracker.gaugedZones()).containsExactly("KR");
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark1(new Watermark(T0 + MAX_AGE + MINUTE));
            harness.processWatermark2(new Watermark(T0 + MAX_AGE + MINUTE));
            List<AuditEvent> events = harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(events).singleElement().satisfies(e -> assertThat(e.carbonStatus().status()).isEqualTo("stale"));

            harness.processElement2(cluster("carbon-kr", "KR", ClusterStatus.DELETED), T0 + 2 * MAX_AGE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theOtherSignalIsRefusedAsReceived() throws Exception {
        try (var harness = harness(new CarbonZoneTracker("average", MAX_AGE, "carbon"))) {
            harness.processElement2(cluster("carbon-kr", "KR", ClusterStatus.READY), T0 - MINUTE);
            harness.processElement1(reading("KR", T0, "marginal"), T0);
            assertThat(harness.extractOutputValues()).isEmpty();
            List<DeadLetter> letters = harness.getSideOutput(OutputTags.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("signal_mismatch");
                assertThat(d.stage()).isEqualTo(DeadLetter.ZONE_TRACKER);
                assertThat(d.offset()).isEqualTo(T0 / MINUTE);
                assertThat(d.payload()).isEqualTo("{\"zone\":\"KR\"}");
            });
        }
    }
}
