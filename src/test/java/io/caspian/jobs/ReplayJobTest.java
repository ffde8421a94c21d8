package io.caspian.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.json.Json;
import io.caspian.replay.ReplayOptions;
import io.caspian.replay.ReplayReport;
import io.caspian.testing.SharedData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay path end to end on short stretches of the real traces, in the formats users have. */
class ReplayJobTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path out;

    private static CaspianConfig hourlyConfig() {
        return new ConfigLoader().load(null, Map.of("scheduler.interval", "1h", "scheduler.slot", "1h",
                "scheduler.horizon", "24h", "scheduler.solver", "auto"));
    }

    @Test
    void aWorkloadTraceWithABadLineReplaysTheRestAndDeadLettersTheLine() throws Exception {
        Path trace = SharedData.carbonFile("raw_electricitymaps_format_US-CAL-CISO_2022_hourly.csv");
        Path workloads = out.resolve("workloads.jsonl");
        Files.writeString(workloads, String.join("\n",
                "{\"job_id\":\"a\",\"timestamp\":\"2022-06-01T05:59:00Z\",\"cpu\":8,\"mem_gb\":32,\"runtime_minutes\":120,"
                        + "\"deadline_minutes\":721,\"home_cluster\":\"dc-US-CAL-CISO\"}",
                "{\"job_id\":\"b\",\"timestamp\":\"2022-06-01T07:59:00Z\",\"cpu\":-1}",
                "not json at all",
                "{\"job_id\":\"c\",\"timestamp\":\"2022-06-01T09:30:00Z\",\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":60,"
                        + "\"deadline_minutes\":600}"));
        ReplayOptions options = ReplayOptions.from(Map.of(
                "replay.carbon-file", trace.toString(), "replay.carbon-format", "em-csv",
                "replay.zones", "US-CAL-CISO", "replay.workloads-file", workloads.toString(),
                "replay.from", "2022-06-01T00:00:00Z", "replay.to", "2022-06-03T00:00:00Z",
                "replay.output-dir", out.resolve("report").toString()));

        ReplayReport report = ReplayJob.run(hourlyConfig(), options, QUIET);

        ReplayReport.ZoneFigures zone = report.zones().get("US-CAL-CISO");
        assertThat(zone.workloads()).isEqualTo(2);
        assertThat(zone.policy().deadlinesMet()).isEqualTo(2);
        assertThat(zone.foresight().deadlinesMet()).isEqualTo(2);
        assertThat(zone.foresight().emittedG()).isLessThanOrEqualTo(zone.baselineG());
        // California swings daily: with a 12 h window, foresight must find a cleaner hour than now
        assertThat(zone.foresight().savingPct(zone.baselineG())).isGreaterThan(1.0);
        Path run = out.resolve("report").resolve("carbon-aware");
        assertThat(Files.readAllLines(run.resolve("dead-letter.jsonl"))).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("invalid_json"))
                .anySatisfy(line -> assertThat(line).contains("cpu"));
        assertThat(Files.readAllLines(run.resolve("placements.jsonl"))).isNotEmpty();
        assertThat(Files.readString(run.resolve("audit-events.jsonl"))).contains("scheduling_decision");

        JsonNode json = Json.parse(Files.readString(out.resolve("report").resolve("report.json")));
        assertThat(json.at("/zones/US-CAL-CISO/perfect_foresight/deadlines_met").asInt()).isEqualTo(2);
        assertThat(json.at("/total/baseline_gco2").asDouble()).isEqualTo(Json.round3(zone.baselineG()));
        assertThat(Files.readString(out.resolve("report").resolve("report.md"))).contains("| US-CAL-CISO | 2 |");
    }

    @Test
    void hostileWorkloadsAmongValidOnesAreDeadLetteredAndTheRestPlaced() throws Exception {
        Path trace = SharedData.carbonFile("raw_electricitymaps_format_US-CAL-CISO_2022_hourly.csv");
        Path workloads = out.resolve("hostile.jsonl");
        String valid = "{\"job_id\":\"%s\",\"timestamp\":\"%s\",\"cpu\":2,\"mem_gb\":4,\"runtime_minutes\":60,"
                + "\"deadline_minutes\":600}";
        Files.writeString(workloads, String.join("\n",
                String.format(valid, "first", "2022-06-01T05:59:00Z"),
                // the runtime that once sized a round's arrays to 2e9 slots and ran the JVM out of memory
                "{\"job_id\":\"endless\",\"timestamp\":\"2022-06-01T06:10:00Z\",\"cpu\":2,\"mem_gb\":4,"
                        + "\"runtime_minutes\":2000000000,\"deadline_minutes\":2000000000}",
                String.format(valid, "j".repeat(600_000), "2022-06-01T06:20:00Z"),
                String.format(valid, "from-the-future", "9999-01-01T00:00:00Z"),
                String.format(valid, "second", "2022-06-01T09:30:00Z")));
        ReplayOptions options = ReplayOptions.from(Map.of(
                "replay.carbon-file", trace.toString(), "replay.carbon-format", "em-csv",
                "replay.zones", "US-CAL-CISO", "replay.workloads-file", workloads.toString(),
                "replay.from", "2022-06-01T00:00:00Z", "replay.to", "2022-06-03T00:00:00Z",
                "replay.output-dir", out.resolve("hostile").toString()));

        ReplayReport report = ReplayJob.run(hourlyConfig(), options, QUIET);

        ReplayReport.ZoneFigures zone = report.zones().get("US-CAL-CISO");
        assertThat(zone.workloads()).isEqualTo(2);
        assertThat(zone.policy().deadlinesMet()).isEqualTo(2);
        Path run = out.resolve("hostile").resolve("carbon-aware");
        java.util.List<JsonNode> letters = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("dead-letter.jsonl"))) {
            letters.add(Json.parse(line));
        }
        assertThat(letters).extracting(l -> l.get("offset").asLong() + " " + l.get("reason").asText())
                .containsExactlyInAnyOrder("1 limit_exceeded", "2 invalid_identifier", "3 event_time_out_of_range");
        assertThat(letters).allSatisfy(l -> assertThat(l.get("stage").asText()).isEqualTo("parse"));
        assertThat(Files.readString(run.resolve("placements.jsonl"))).contains("\"job_id\":\"first\"")
                .contains("\"job_id\":\"second\"").doesNotContain("endless");
    }

    @Test
    void poissonWorkloadsOnTwoZonesOfTheWideTraceAreReportedPerZone() throws Exception {
        Path trace = SharedData.carbonFile("em2022_hourly_lca_123zones.csv");
        ReplayOptions options = ReplayOptions.from(Map.of(
                "replay.carbon-file", trace.toString(), "replay.zones", "KR,JP-TK",
                "replay.arrivals-per-hour", "2", "replay.seed", "3", "replay.deadline-hours", "12",
                "replay.runtime-minutes", "90",
                "replay.from", "2022-03-01T00:00:00Z", "replay.to", "2022-03-08T00:00:00Z",
                "replay.write-events", "false", "replay.output-dir", out.toString()));

        ReplayReport report = ReplayJob.run(hourlyConfig(), options, QUIET);

        assertThat(report.zones()).containsOnlyKeys("KR", "JP-TK");
        ReplayReport.ZoneFigures total = report.total();
        assertThat(total.workloads()).isEqualTo(report.zones().get("KR").workloads() + report.zones().get("JP-TK").workloads());
        assertThat(total.workloads()).isBetween(500, 700); // 2 zones x 2/h x 156 h
        assertThat(total.policy().deadlinesMet()).isEqualTo(total.workloads());
        assertThat(total.foresight().deadlinesMet()).isEqualTo(total.workloads());
        assertThat(total.foresight().emittedG()).isLessThanOrEqualTo(total.policy().emittedG() + 1e-6);
        assertThat(total.policy().unaccountedMinutes()).isZero();
        // roomy clusters: nothing binds, so the offline optimum is every workload's own best start
        assertThat(report.optimum().kind()).isEqualTo(io.caspian.replay.OfflineOptimum.Kind.OPTIMAL);
        assertThat(total.optimumG()).isLessThanOrEqualTo(total.foresight().emittedG() + 1e-6).isPositive();
    }

    /** March 2022 in DE, one 1-hour workload an hour, with the given options on top; the run's totals. */
    private ReplayReport.ZoneFigures marchInDe(String run, CaspianConfig config, Map<String, String> options) throws Exception {
        Map<String, String> o = new java.util.HashMap<>(options);
        o.putAll(Map.of("replay.carbon-file", SharedData.carbonFile("em2022_hourly_lca_123zones.csv").toString(),
                "replay.zones", "DE", "replay.hourly", "true", "replay.from", "2022-03-01T00:00:00Z",
                "replay.to", "2022-04-01T00:00:00Z", "replay.output-dir", out.resolve(run).toString()));
        return ReplayJob.run(config, ReplayOptions.from(o), QUIET).total();
    }

    @Test
    void aForecastLearntFromTheZonesOwnWeekShiftsWorkWherePersistenceCannot() throws Exception {
        Map<String, ReplayReport.ZoneFigures> byForecast = new java.util.LinkedHashMap<>();
        for (String forecast : List.of("persistence", "learned")) {
            byForecast.put(forecast, marchInDe(forecast, hourlyConfig(), Map.of("replay.forecast", forecast,
                    "replay.write-events", "false")));
        }
        ReplayReport.ZoneFigures persistence = byForecast.get("persistence");
        ReplayReport.ZoneFigures learned = byForecast.get("learned");
        double ceiling = learned.foresight().savingPct(learned.baselineG());
        // persistence shifts nothing; the learned forecast captures most of the ceiling (88 % measured for March)
        assertThat(persistence.policy().savingPct(persistence.baselineG())).isCloseTo(0.0, within(0.01));
        assertThat(learned.policy().savingPct(learned.baselineG())).isGreaterThan(0.75 * ceiling);
        assertThat(learned.policy().deadlinesMet()).isEqualTo(learned.workloads());
    }

    @Test
    void aNoisyFeedCombinedWithTheLearntForecastSavesMoreThanTheFeedAloneAndItsErrorsAreRecorded() throws Exception {
        Map<String, ReplayReport.ZoneFigures> byConfig = new java.util.LinkedHashMap<>();
        for (boolean learns : List.of(false, true)) {
            String name = learns ? "combined" : "feed";
            byConfig.put(name, marchInDe(name, hourlyConfig().withLearnedForecast(learns), Map.of("replay.forecast", "noisy",
                    "replay.forecast-noise", "0.6")));
        }
        ReplayReport.ZoneFigures feed = byConfig.get("feed");
        ReplayReport.ZoneFigures combined = byConfig.get("combined");
        assertThat(combined.policy().savingPct(combined.baselineG())).isGreaterThan(feed.policy().savingPct(feed.baselineG()));
        assertThat(combined.policy().deadlinesMet()).isEqualTo(combined.workloads());

        // the analytics score both sources: a day ahead, the learnt week beats a feed this noisy (60 % at 24 h)
        // feed and learnt errors at 24 h, weighted by the hours scored: feed sum, feed hours, learnt sum, learnt hours
        double[] sums = new double[4];
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path analytics = out.resolve("combined").resolve("carbon-aware").resolve("analytics.jsonl");
        for (String line : java.nio.file.Files.readAllLines(analytics)) {
            com.fasterxml.jackson.databind.JsonNode r = json.readTree(line);
            if (!r.path("metric_group").asText().equals("forecast_error") || !r.path("window").asText().equals("1h")) {
                continue;
            }
            assertThat(r.path("scope").asText()).isEqualTo("DE");
            double feedHours = r.path("feed_hours_24h").asDouble();
            double learntHours = r.path("learned_hours_24h").asDouble();
            if (feedHours > 0) {
                sums[0] += feedHours * r.path("feed_mape_pct_24h").asDouble();
                sums[1] += feedHours;
            } else {
                assertThat(r.path("feed_mape_pct_24h").isNull()).as("an error of no hour is null, never 0").isTrue();
            }
            if (learntHours > 0) {
                sums[2] += learntHours * r.path("learned_mape_pct_24h").asDouble();
                sums[3] += learntHours;
            }
        }
        assertThat(sums[1]).isGreaterThan(24 * 25);
        assertThat(sums[3]).isGreaterThan(24 * 20);
        assertThat(sums[2] / sums[3]).isLessThan(sums[0] / sums[1]);
    }

    @Test
    void underContentionTheReportMeasuresThePolicyAgainstTheOfflineOptimum() throws Exception {
        Path trace = SharedData.carbonFile("em2022_hourly_lca_123zones.csv");
        Map<String, String> o = new java.util.HashMap<>(Map.of(
                "replay.carbon-file", trace.toString(), "replay.zones", "DE", "replay.forecast", "perfect",
                "replay.arrivals-per-hour", "1.5", "replay.seed", "5", "replay.deadline-hours", "24", "replay.cluster-cpu", "8",
                "replay.from", "2022-01-01T00:00:00Z", "replay.to", "2022-01-08T00:00:00Z"));
        o.putAll(Map.of("replay.write-events", "false", "replay.output-dir", out.toString()));
        ReplayOptions options = ReplayOptions.from(o);

        ReplayReport report = ReplayJob.run(hourlyConfig(), options, QUIET);

        ReplayReport.ZoneFigures total = report.total();
        // two 4-core jobs at a time for 1.5 arrivals an hour: capacity binds, and CP-SAT proves the optimum
        assertThat(report.optimum().kind()).isEqualTo(io.caspian.replay.OfflineOptimum.Kind.OPTIMAL);
        assertThat(report.optimum().unplaced()).isZero();
        assertThat(total.optimumG()).isLessThanOrEqualTo(total.foresight().emittedG() + 1e-6)
                .isLessThan(total.baselineG());
        assertThat(total.shareOfOptimumPct()).isBetween(0.0, 100.0 + 1e-6);
        String json = java.nio.file.Files.readString(out.resolve("report.json"));
        assertThat(json).contains("\"offline_optimum\":{\"kind\":\"optimal\"").contains("share_of_optimum_pct");
        assertThat(java.nio.file.Files.readString(out.resolve("report.md"))).contains("offline optimum gCO2")
                .contains("Offline optimum: optimal");
    }

    /**
     * Contention-aware planning: the same contended fortnight in DE planned without and with the arrivals
     * anticipated. Reserving room for the expected arrivals brings the policy closer to the offline optimum
     * (87 % of it over the two months, 61 % without), and no deadline is missed.
     */
    @Test
    void anticipatingArrivalsUnderContentionGetsCloserToTheOptimum() throws Exception {
        Path trace = SharedData.carbonFile("em2022_hourly_lca_123zones.csv");
        Map<String, ReplayReport.ZoneFigures> runs = new java.util.HashMap<>();
        for (String anticipate : List.of("false", "true")) {
            Map<String, String> o = new java.util.HashMap<>(Map.of(
                    "replay.carbon-file", trace.toString(), "replay.zones", "DE", "replay.forecast", "perfect",
                    "replay.arrivals-per-hour", "1.5", "replay.seed", "42", "replay.deadline-hours", "24", "replay.cluster-cpu", "8",
                    "replay.from", "2022-01-01T00:00:00Z", "replay.to", "2022-01-15T00:00:00Z"));
            o.putAll(Map.of("replay.write-events", "false", "replay.output-dir", out.resolve(anticipate).toString()));
            CaspianConfig config = io.caspian.testing.Fixtures.config(Map.of("scheduler.interval", "1h", "scheduler.slot", "1h",
                    "scheduler.horizon", "24h", "scheduler.anticipate-arrivals", anticipate));
            runs.put(anticipate, ReplayJob.run(config, ReplayOptions.from(o), QUIET).total());
        }
        ReplayReport.ZoneFigures plain = runs.get("false");
        ReplayReport.ZoneFigures anticipating = runs.get("true");
        assertThat(anticipating.optimumG()).isEqualTo(plain.optimumG());
        assertThat(anticipating.policy().emittedG()).isLessThan(plain.policy().emittedG());
        assertThat(anticipating.shareOfOptimumPct()).isGreaterThan(plain.shareOfOptimumPct() + 5);
        assertThat(anticipating.policy().deadlinesMet()).isEqualTo(anticipating.workloads());
    }
}
