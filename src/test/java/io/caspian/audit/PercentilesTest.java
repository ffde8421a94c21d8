package io.caspian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Percentiles of counted values are those of the values listed one by one. */
class PercentilesTest {

    @Test
    void countsGiveTheSamePercentilesAsEveryValue() {
        Random random = new Random(11);
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(300);
            long[] values = new long[n];
            Map<Long, Long> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(run % 2 == 0 ? 5 : 5000); // few distinct values, or many
                counts.merge(values[i], 1L, Long::sum);
            }
            for (double p : new double[] {0.1, 1, 50, 95, 99, 99.9, 100}) {
                assertThat(Percentiles.nearestRank(counts, p)).as("run %d, p%s", run, p)
                        .isEqualTo(Percentiles.nearestRank(values, p));
            }
        }
        assertThat(Percentiles.nearestRank(Map.of(), 50)).isNull();
    }
}
