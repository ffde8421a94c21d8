package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second write of an equal record is the first's text; any other record is written afresh. */
class LastWrittenTest {

    private record Reading(String zone, double value) {}

    @Test
    void anEqualRecordGetsTheTextWrittenForTheLastOne() {
        List<Reading> written = new ArrayList<>();
        LastWritten<Reading> last = new LastWritten<>(r -> {
            written.add(r);
            return r.zone() + "=" + r.value();
        });
        assertThat(last.write(new Reading("KR", 1.5))).isEqualTo("KR=1.5");
        assertThat(last.write(new Reading("KR", 1.5))).isEqualTo("KR=1.5"); // a copy, as the sink receives it
        assertThat(last.write(new Reading("KR", 2.5))).isEqualTo("KR=2.5");
        assertThat(last.write(new Reading("KR", 1.5))).isEqualTo("KR=1.5");
        assertThat(written).hasSize(3);
    }

    @Test
    void eachThreadKeepsItsOwnLastRecord() throws Exception {
        List<String> texts = new ArrayList<>();
        LastWritten<Reading> last = new LastWritten<>(r -> r.zone() + "/" + Thread.currentThread().getName());
        Thread other = new Thread(() -> texts.add(last.write(new Reading("JP", 1))), "other");
        assertThat(last.write(new Reading("JP", 1))).isEqualTo("JP/" + Thread.currentThread().getName());
        other.start();
        other.join();
        assertThat(texts).containsExactly("JP/other");
    }
}
