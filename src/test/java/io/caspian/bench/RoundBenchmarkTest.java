package io.caspian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the round benchmark once at a tiny size, so that it cannot rot; the figures it prints are not judged. */
class RoundBenchmarkTest {

    @Test
    void theRoundBenchmarkRunsAtTheShippedSlotsAndSummarisesEveryWorkloadEachRound() throws Exception {
        RoundBenchmark.Figures figures = RoundBenchmark.run(200);
        assertThat(figures.slots()).isEqualTo(96);
        assertThat(figures.clusters()).isEqualTo(20);
        // every workload is new in the first round, so each gets its first placement; after that only changes are published
        assertThat(figures.firstPlacements()).isEqualTo(200);
        assertThat(figures.steadyPlacements()).isLessThan(200);
        assertThat(figures.firstRoundMs()).isNotNegative();
    }

    @Test
    void theStreamingFleetRunsItsEightRoundsOverFiftyClusters() throws Exception {
        RoundBenchmark.Figures figures = RoundBenchmark.run(100, RoundBenchmark.Fleet.STREAMING);
        assertThat(figures.clusters()).isEqualTo(50);
        assertThat(figures.slots()).isEqualTo(96);
        assertThat(figures.roundMs()).hasSize(8);
        assertThat(figures.firstPlacements()).isEqualTo(100);
    }
}
