package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.DeadLetter;
import io.caspian.events.DecisionSample;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LateDecisionsTest {

    @Test
    void oneDeadLetterPerLateDecisionNamingItAndTheWindow() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new LateDecisions("1m")))) {
            harness.open();
            harness.processElement(new StreamRecord<>(new DecisionSample("overall", true, 12, "event-7", 1_000L)));
            harness.processElement(new StreamRecord<>(new DecisionSample("carbon-kr", true, 12, "event-7", 1_000L)));
            assertThat(harness.extractOutputValues()).singleElement().satisfies(d -> {
                DeadLetter letter = (DeadLetter) d;
                assertThat(letter.reason()).isEqualTo(LateDecisions.REASON);
                assertThat(letter.detail()).contains("event-7").contains("1m").contains("audit stream");
            });
        }
    }
}
