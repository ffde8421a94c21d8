package io.caspian.events;

import io.caspian.audit.InefficiencyEpisode;
import io.caspian.audit.ZoneIntensities;
import io.caspian.functions.CarbonEfficiencyAggregate;
import io.caspian.functions.SchedulingPerformanceAggregate;
import io.caspian.functions.SlaComplianceAggregate;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every type the audit operators send or keep is serialised as a POJO, never by Kryo. */
class AuditTypesPojoTest {

    @Test
    void eventsAndStateAreFlinkPojos() {
        for (Class<?> type : new Class<?>[] {AuditEvent.class, InefficiencyDetected.class, WorkloadRelocation.class,
                Placement.class, AnalyticsRecord.class, DecisionSample.class, CarbonSample.class, SlaSample.class, Alert.class,
                AlertRule.class, AlertRuleUpdate.class, KeyedRawRecord.class, InefficiencyEpisode.class, ZoneIntensities.class,
                SchedulingPerformanceAggregate.Counts.class, CarbonEfficiencyAggregate.Sums.class,
                SlaComplianceAggregate.Tally.class}) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        }
    }
}
