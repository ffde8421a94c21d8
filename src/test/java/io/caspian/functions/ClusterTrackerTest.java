package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.AuditEvent;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Resources;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ClusterTrackerTest {

    private static final long T0 = 1_761_120_000_000L;
    private static final Resources SMALL = new Resources(64, 256, 0);
    private static final Resources LARGE = new Resources(96, 384, 0);

    private static Cluster update(Resources total, ClusterStatus status, long at) {
        return new Cluster("carbon-kr", "KR", total, total, "kind-carbon-kr", status, at);
    }

    @Test
    void reportsEachKindOfChangeOnceAndPassesEveryUpdateOn() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ClusterTracker()),
                Cluster::name, Types.STRING)) {
            harness.open();
            List<Cluster> updates = List.of(
                    update(SMALL, ClusterStatus.READY, T0),
                    update(SMALL, ClusterStatus.READY, T0 + 1), // available changes only: no reconfiguration
                    update(LARGE, ClusterStatus.READY, T0 + 2),
                    update(LARGE, ClusterStatus.DRAINING, T0 + 3),
                    update(LARGE, ClusterStatus.DELETED, T0 + 4));
            for (Cluster c : updates) {
                harness.processElement(new StreamRecord<>(c, c.timestampMillis()));
            }
            assertThat(harness.extractOutputValues()).containsExactlyElementsOf(updates);
            List<AuditEvent> events = harness.getSideOutput(OutputTags.AUDIT_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(events).extracting(e -> e.reconfiguration().action()).containsExactly(
                    ClusterTracker.CREATED, ClusterTracker.SCALED, ClusterTracker.STATUS_CHANGED, ClusterTracker.DELETED);
            AuditEvent scaled = events.get(1);
            assertThat(scaled.reconfiguration().previousTotal()).isEqualTo(SMALL);
            assertThat(scaled.reconfiguration().total()).isEqualTo(LARGE);
            assertThat(scaled.reconfiguration().trigger()).contains("cpu=64").contains("cpu=96");
            assertThat(events.get(2).reconfiguration().previousStatus()).isEqualTo("ready");
            assertThat(events).extracting(AuditEvent::eventId).doesNotHaveDuplicates();
            assertThat(harness.numKeyedStateEntries()).isZero(); // a deleted cluster is forgotten
        }
    }
}
