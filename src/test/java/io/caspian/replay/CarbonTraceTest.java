package io.caspian.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarbonTraceTest {

    static final long HOUR = 3_600_000L;

    private static CarbonReading reading(String zone, long hour, double value) {
        return new CarbonReading(zone, value, hour * HOUR, "test", false, CarbonReading.AVERAGE, List.of());
    }

    private final CarbonTrace trace = new CarbonTrace(List.of(
            reading("A", 2, 300), reading("A", 0, 100), reading("A", 1, 200), reading("B", 0, 50)));

    @Test
    void integratesTheStepFunctionAndRefusesTimeOutsideTheTrace() {
        assertThat(trace.integralKwhHours("A", 0, HOUR)).isEqualTo(100);
        assertThat(trace.integralKwhHours("A", HOUR / 2, 2 * HOUR + HOUR / 2)).isCloseTo(50 + 200 + 150, within(1e-9));
        assertThat(trace.grams("A", 2000, 0, 3 * HOUR)).isCloseTo(2 * 600, within(1e-9));
        assertThat(trace.integralKwhHours("A", -1, HOUR)).isNaN();
        assertThat(trace.integralKwhHours("A", 2 * HOUR, 4 * HOUR)).isNaN();
        assertThat(trace.integralKwhHours("C", 0, HOUR)).isNaN();
    }

    @Test
    void perfectForesightCarriesTheTracesOwnFutureAndPersistenceNone() {
        List<CarbonReading> perfect = trace.readingsWith(CarbonTrace.Forecast.PERFECT, 2 * HOUR, 0.5, 1);
        CarbonReading first = perfect.stream().filter(r -> r.zone().equals("A") && r.timestampMillis() == 0).findFirst().orElseThrow();

        assertThat(first.forecast()).containsExactly(new ForecastPoint(HOUR, 200), new ForecastPoint(2 * HOUR, 300));
        assertThat(trace.readingsWith(CarbonTrace.Forecast.PERSISTENCE, 2 * HOUR, 0, 1)).allMatch(r -> !r.hasForecast());
        assertThat(perfect).extracting(CarbonReading::timestampMillis).isSorted();
    }

    @Test
    void aNoisyForecastIsSeededAndDiffersFromTheTruth() {
        List<CarbonReading> a = trace.readingsWith(CarbonTrace.Forecast.NOISY, 2 * HOUR, 0.5, 7);
        List<CarbonReading> b = trace.readingsWith(CarbonTrace.Forecast.NOISY, 2 * HOUR, 0.5, 7);
        CarbonReading first = a.stream().filter(r -> r.zone().equals("A") && r.timestampMillis() == 0).findFirst().orElseThrow();

        assertThat(a).isEqualTo(b);
        assertThat(first.forecast()).hasSize(2);
        assertThat(first.forecast().get(1).intensityGco2PerKwh()).isNotEqualTo(300.0);
    }
}
