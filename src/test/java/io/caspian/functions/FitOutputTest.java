package io.caspian.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.DeadLetter;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FitOutputTest {

    @Test
    void aRecordTooLargeForTheSinksIsDivertedAndTheRestPass() throws Exception {
        FitOutput<String> fit = new FitOutput<>("placements", text -> "{\"v\":\"" + text + "\"}", text -> 1000L, 100);
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(fit))) {
            harness.open();
            harness.processElement("small", 1000);
            harness.processElement("é".repeat(60), 1000); // 60 characters, 120 bytes of UTF-8
            harness.processElement("also small", 1000);
            assertThat(harness.extractOutputValues()).containsExactly("small", "also small");
            List<DeadLetter> letters = harness.getSideOutput(OutputTags.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(FitOutput.OUTPUT_TOO_LARGE);
                assertThat(d.stage()).isEqualTo(DeadLetter.OUTPUT);
                assertThat(d.source()).isEqualTo("placements");
                assertThat(d.payloadBytes()).isEqualTo(128);
                assertThat(d.detail()).contains("128 bytes as JSON, more than limits.output-record-bytes (100)");
            });
        }
    }
}
