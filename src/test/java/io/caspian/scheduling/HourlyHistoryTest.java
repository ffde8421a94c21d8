package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.ForecastPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyHistoryTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_640_995_200_000L; // 2022-01-01T00:00Z, a whole day

    /** A day shape: the hour of day times ten, plus a level per day. */
    private static double value(long hour) {
        return 100 + 10 * Math.floorMod(hour, 24L) + Math.floorDiv(hour, 24L);
    }

    @Test
    void aFutureHourIsTheMeanOfTheSameHourOverTheLastWeekAndAnHourWithNoHistoryHasNoPoint() {
        HourlyHistory history = new HourlyHistory();
        long now = 10 * 24; // day 10, 00:00
        for (long h = 0; h < now; h++) {
            history.add(T0 + h * HOUR, value(h));
        }
        // 05:00 of day 10: the 05:00 of days 3..9, levels 3..9 (mean 6)
        assertThat(history.forecastAt(T0 + (now + 5) * HOUR, T0 + now * HOUR)).isCloseTo(100 + 50 + 6, within(1e-9));
        // the current reading equals the profile's value for its hour: no departure to carry
        double profileNow = history.forecastAt(T0 + now * HOUR, T0 + now * HOUR);
        List<ForecastPoint> points = history.forecast(T0 + now * HOUR, profileNow, 24 * HOUR);
        assertThat(points).hasSize(24);
        assertThat(points.get(4).timestampMillis()).isEqualTo(T0 + (now + 5) * HOUR);
        assertThat(points.get(4).intensityGco2PerKwh()).isCloseTo(156, within(1e-9));

        // a fresh history knows nothing: no point rather than a guess
        assertThat(new HourlyHistory().forecast(T0, 300, 24 * HOUR)).isEmpty();
    }

    @Test
    void todaysDepartureFromTheProfileFadesHourByHour() {
        HourlyHistory history = new HourlyHistory();
        long now = 8 * 24;
        for (long h = 0; h < now; h++) {
            history.add(T0 + h * HOUR, 200);
        }
        List<ForecastPoint> points = history.forecast(T0 + now * HOUR, 300, 3 * HOUR);
        // 100 above the profile now, 90 % of it left an hour later, 81 % after two
        assertThat(points).extracting(ForecastPoint::intensityGco2PerKwh).containsExactly(290.0, 281.0, 272.9);
    }

    @Test
    void aSlotKeepsOnlyItsLatestHourAndIgnoresOlderReadings() {
        HourlyHistory history = new HourlyHistory();
        history.add(T0 + 200 * HOUR, 50);
        history.add(T0 + 200 * HOUR + 60_000, 70); // the same hour: averaged
        history.add(T0 + 32 * HOUR, 999); // the same slot a week earlier: dropped
        int slot = (int) Math.floorMod(200L + Math.floorDiv(T0, HOUR), (long) HourlyHistory.HOURS);
        assertThat(history.mean[slot]).isEqualTo(60.0);
        assertThat(history.count[slot]).isEqualTo(2);
    }
}
