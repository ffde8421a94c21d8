package io.caspian.dispatch;

import io.caspian.events.DispatchRequest;
import io.caspian.events.Placement;
import io.caspian.events.WorkloadEvent;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The types the dispatch adds to the graph stay POJOs (pipeline.generic-types: false). */
class DispatchTypesTest {

    @Test
    void dispatchTypesAreSerialisedAsPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Placement.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DispatchRequest.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(WorkloadEvent.class);
    }
}
