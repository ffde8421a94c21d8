package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The carbon of a run, from the sites' cumulative sums, against a slot-by-slot reference. */
class ProblemCarbonTest {

    /** Sums each minute's slot directly, the last value holding past the forecast. */
    private static double reference(double[] intensity, double slotMinutes, double durationMinutes, int start, double watts) {
        double remaining = durationMinutes;
        double gramsPerKwhMinutes = 0;
        int slot = start;
        while (remaining > 1e-9) {
            double minutes = Math.min(slotMinutes, remaining);
            gramsPerKwhMinutes += intensity[Math.min(slot, intensity.length - 1)] * minutes;
            remaining -= minutes;
            slot++;
        }
        return watts / 1000.0 * gramsPerKwhMinutes / 60.0;
    }

    @Test
    void matchesTheSlotBySlotSumOnRandomRuns() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2_000; trial++) {
            int slots = 1 + random.nextInt(30);
            double[] intensity = new double[slots];
            for (int i = 0; i < slots; i++) {
                intensity[i] = 20 + random.nextDouble() * 800;
            }
            long slotMillis = (5 + random.nextInt(56)) * 60_000L;
            double duration = 1 + random.nextInt(600) + (random.nextBoolean() ? 0.5 : 0);
            int start = random.nextInt(slots + 5); // past the end too
            double watts = 10 + random.nextDouble() * 2000;
            Job job = new Job("j", 1, 1, 0, watts, duration, 0, false, null, -1, 10, new boolean[] {true}, 0);
            Problem problem = new Problem(0, slotMillis, slots, List.of(new Site("s", "z", 100, 100, 0, intensity)),
                    List.of(job), new MigrationCostModel(100, Map.of()));
            double expected = reference(intensity, slotMillis / 60_000.0, duration, start, watts);
            assertThat(problem.carbon(job, 0, start)).as("trial %d", trial).isCloseTo(expected, offset(1e-9 * Math.max(1, expected)));
        }
    }
}
