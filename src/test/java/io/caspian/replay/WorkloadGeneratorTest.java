package io.caspian.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.WorkloadEvent;
import io.caspian.functions.PlacementRounds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

    static final long HOUR = 3_600_000L;

    private static ReplayOptions options(Map<String, String> extra) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("replay.carbon-file", "x.csv", "replay.zones", "KR"));
        o.putAll(extra);
        return ReplayOptions.from(o);
    }

    @Test
    void hourlyWorkloadsArePlannedFirstAtTheirArrivalHourWithTheWholeWindowOpen() {
        ReplayOptions o = options(Map.of("replay.hourly", "true"));
        List<WorkloadEvent> events = WorkloadGenerator.hourly(List.of("KR"), HOUR, 48 * HOUR, o);

        assertThat(events).hasSize(48 - 1 - 24 + 1);
        WorkloadEvent first = events.get(0);
        assertThat(PlacementRounds.roundFor(first.timestampMillis(), HOUR)).isEqualTo(HOUR);
        assertThat(first.timestampMillis() + first.spec().deadlineMinutes() * 60_000L).isEqualTo(HOUR + 24 * HOUR);
        assertThat(first.spec().homeCluster()).isEqualTo("dc-KR");
        assertThat(first.spec().affinityClusters()).containsExactly("dc-KR");
    }

    @Test
    void poissonArrivalsAreSeededAndNearTheirMeanRate() {
        ReplayOptions o = options(Map.of("replay.arrivals-per-hour", "3", "replay.seed", "5"));
        List<WorkloadEvent> a = WorkloadGenerator.poisson(List.of("KR", "JP-TK"), 0, 1000 * HOUR, o);
        List<WorkloadEvent> b = WorkloadGenerator.poisson(List.of("KR", "JP-TK"), 0, 1000 * HOUR, o);

        assertThat(a).isEqualTo(b);
        // two zones, 3 an hour each over 976 hours whose window fits: about 5,856 (±5 %)
        assertThat(a.size()).isBetween(5_560, 6_150);
        assertThat(a).extracting(WorkloadEvent::timestampMillis).isSorted();
        assertThat(a).extracting(WorkloadEvent::jobId).doesNotHaveDuplicates();
    }
}
