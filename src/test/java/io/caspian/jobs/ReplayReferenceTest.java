package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.replay.ReplayOptions;
import io.caspian.replay.ReplayReport;
import io.caspian.testing.SharedData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published temporal-shifting ceiling on the real 2022 trace (PROVENANCE.md; Sukprasert et al.,
 * EuroSys 2024): one 1-hour workload arriving every hour, deadline 24 h after arrival, perfect
 * foresight against starting at once. Reproduced through the replay path, one zone per run with one
 * cluster big enough that capacity never binds; slot = interval = 1 h.
 */
class ReplayReferenceTest {

    static final double TOLERANCE_PP = 0.1;
    /** 2022 has 8,760 hours; the first is needed to open the first round, the last 23 cannot hold a 24 h window. */
    static final int ARRIVALS = 8_760 - 1 - 23;

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}: ceiling {1} %")
    @CsvSource({"KR, 4.0", "JP-TK, 12.7", "JP-KN, 9.0"})
    void perfectForesightReproducesThePublishedCeilingAndANoisyForecastNeverBeatsIt(String zone, double publishedPct)
            throws Exception {
        Path trace = SharedData.carbonFile("east_asia_2022_hourly_KR_JP_TW_SG.csv");
        CaspianConfig config = new ConfigLoader().load(null, Map.of(
                "scheduler.interval", "1h", "scheduler.slot", "1h", "scheduler.horizon", "24h",
                "scheduler.solver", "greedy"));
        ReplayOptions options = ReplayOptions.from(Map.of(
                "replay.carbon-file", trace.toString(), "replay.zones", zone, "replay.hourly", "true",
                "replay.forecast", "noisy", "replay.forecast-noise", "0.2", "replay.write-events", "false",
                "replay.output-dir", out.toString()));

        long started = System.nanoTime();
        ReplayReport report = ReplayJob.run(config, options, new PrintStream(OutputStream.nullOutputStream()));
        System.out.printf("%s back-test (two year-long runs) took %.1f s%n", zone, (System.nanoTime() - started) / 1e9);

        ReplayReport.ZoneFigures figures = report.zones().get(zone);
        assertThat(figures.workloads()).isEqualTo(ARRIVALS);
        double ceiling = figures.foresight().savingPct(figures.baselineG());
        double aware = figures.policy().savingPct(figures.baselineG());
        System.out.printf("%s: perfect foresight %.3f %% (published %.1f %%), noisy forecast %.3f %%%n", zone, ceiling,
                publishedPct, aware);
        assertThat(ceiling).isCloseTo(publishedPct, within(TOLERANCE_PP));
        assertThat(aware).isLessThanOrEqualTo(ceiling);
        assertThat(figures.foresight().deadlinesMet()).isEqualTo(ARRIVALS);
        assertThat(figures.policy().deadlinesMet()).isEqualTo(ARRIVALS);
        assertThat(figures.foresight().unaccountedMinutes()).isZero();
        assertThat(figures.foresight().migrations()).isZero();
    }
}
