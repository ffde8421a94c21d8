package io.caspian.events;

import io.caspian.functions.MigrationDetector;
import io.caspian.jobs.TaggedOutput;
import io.caspian.scheduling.WorkloadState;
import io.caspian.scheduling.ZoneState;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type that crosses an operator or lives in state is serialised by Flink as a POJO, never Kryo. */
class EventTypesPojoTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {
        RawRecord.class, CarbonReading.class, ForecastPoint.class, Cluster.class, Resources.class, WorkloadEvent.class,
        WorkloadSpec.class, SchedulerInput.class, Placement.class, DeadLetter.class, AuditEvent.class,
        SchedulingDecision.class, Alternative.class, WorkloadRelocation.class, ClusterReconfiguration.class,
        InefficiencyDetected.class, CarbonDataStatus.class, TaggedOutput.class, WorkloadState.class, ZoneState.class,
        MigrationDetector.History.class, PolicyDocument.class, PolicyChange.class, io.caspian.policy.PolicyBook.class,
        io.caspian.policy.PolicyBook.Layer.class, RoundSummary.class, io.caspian.events.DispatchFeedback.class,
        io.caspian.events.DispatchReport.class
    })
    void isSerialisedAsAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
