package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arrivals a domain learns: per hour of day over the last week, and the typical workload. */
class ArrivalModelTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_640_995_200_000L; // 2022-01-01T00:00Z

    private static WorkloadSpec spec(double cpu, int runtime) {
        return new WorkloadSpec(cpu, cpu * 4, 0, 0, runtime, 24 * 60, List.of(), null, List.of(), null);
    }

    @Test
    void expectsTheMeanOfTheSameHourOverThePastDays() {
        ArrivalModel model = new ArrivalModel();
        // three days: two arrivals at 09:00 each day, one at 10:00 on the first day only
        for (int day = 0; day < 3; day++) {
            model.observe(T0 + day * 24 * HOUR + 9 * HOUR + 60_000, spec(4, 60));
            model.observe(T0 + day * 24 * HOUR + 9 * HOUR + 120_000, spec(4, 60));
        }
        model.observe(T0 + 10 * HOUR, spec(8, 120));
        long now = T0 + 3 * 24 * HOUR;
        model.advanceTo(Math.floorDiv(now - 1, HOUR));

        assertThat(model.expectedPerHour(now + 9 * HOUR)).isEqualTo(2.0);
        assertThat(model.expectedPerHour(now + 10 * HOUR)).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.expectedPerHour(now + 11 * HOUR)).as("hours without arrivals count as none").isZero();
        assertThat(model.cpu).isCloseTo((6 * 4 + 8) / 7.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.runtimeMinutes).isCloseTo((6 * 60 + 120) / 7.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void knowsNothingOfAnHourNoPastDayCoversAndForgetsAfterAWeek() {
        ArrivalModel model = new ArrivalModel();
        model.observe(T0 + 9 * HOUR, spec(4, 60));
        model.advanceTo(Math.floorDiv(T0 + 12 * HOUR, HOUR));
        assertThat(model.expectedPerHour(T0 + 33 * HOUR)).as("09:00 of the day seen").isEqualTo(1.0);
        assertThat(model.expectedPerHour(T0 + 37 * HOUR)).as("13:00: no past day covers it yet").isNaN();

        model.advanceTo(Math.floorDiv(T0 + 9 * 24 * HOUR, HOUR));
        assertThat(model.expectedPerHour(T0 + 9 * 24 * HOUR + 9 * HOUR)).as("the arrival left the week").isZero();
    }
}
