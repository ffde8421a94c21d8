package io.caspian.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEventType;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.DemoJob;
import io.caspian.jobs.ReplayJob;
import io.caspian.replay.ReplayOptions;
import io.caspian.replay.ReplayReport;
import io.caspian.jobs.RunSummary;
import io.caspian.sources.DemoScenario;
import io.caspian.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report over the files of a real demo run, checked against what the run itself produced. */
class ReportCommandTest {

    private static final Instant DAY_START = Instant.parse("2025-10-22T00:00:00Z");
    private static final Instant DAY_END = Instant.parse("2025-10-23T00:00:00Z");

    @TempDir
    static Path folder;
    private static CaspianConfig config;
    private static CollectedOutputs run;

    @BeforeAll
    static void runTheDemo() throws Exception {
        config = Fixtures.config(Map.of("demo.output-dir", folder.resolve("demo").toString(), "demo.background-workloads", "20"));
        run = DemoJob.run(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static AuditReport report(Instant from, Instant to) throws Exception {
        return ReportCommand.build(config, Map.of("events", folder.resolve("demo").toString()), new TimeRange(from, to));
    }

    @Test
    void theWholeDayMatchesTheRunsOwnSummary() throws Exception {
        AuditReport report = report(DAY_START, DAY_END);
        RunSummary summary = run.summary();
        long decisions = run.auditEvents.stream().filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION).count();
        assertThat(report.decisions().total()).isEqualTo(decisions);
        assertThat(report.migrations()).filteredOn(AuditReport.MigrationRow::own).hasSize(summary.migrations())
                .anySatisfy(m -> {
                    assertThat(m.workload()).isEqualTo(DemoScenario.SEED_JOB);
                    assertThat(m.from()).isEqualTo("carbon-kr");
                    assertThat(m.to()).isEqualTo("carbon-jp");
                });
        assertThat(report.carbon().emittedG()).isCloseTo(summary.emittedCo2G(), within(0.05));
        assertThat(report.carbon().baselineG()).isCloseTo(summary.baselineCo2G(), within(0.05));
        assertThat(report.carbon().migrationCostG()).isCloseTo(summary.migrationCostG(), within(0.05));
        assertThat(report.sla().completed()).isEqualTo(summary.completed());
        assertThat(report.deadLettersByReason()).isEqualTo(summary.deadLettersByReason());
    }

    @Test
    void carbonOfTwoAdjacentRangesAddsUpToTheirUnion() throws Exception {
        Instant middle = Instant.parse("2025-10-22T11:00:00Z");
        AuditReport first = report(DAY_START, middle);
        AuditReport second = report(middle, DAY_END);
        AuditReport whole = report(DAY_START, DAY_END);
        assertThat(first.carbon().emittedG() + second.carbon().emittedG()).isCloseTo(whole.carbon().emittedG(), within(0.05));
        assertThat(first.carbon().baselineG() + second.carbon().baselineG()).isCloseTo(whole.carbon().baselineG(), within(0.05));
        assertThat(first.decisions().total() + second.decisions().total()).isEqualTo(whole.decisions().total());
        assertThat(second.carbon().emittedG()).isPositive();
    }

    @Test
    void theCommandWritesEverySectionAndSaysWhenOneIsEmpty() throws Exception {
        Path out = folder.resolve("report.html");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        // before the seed workload's migration at 08:10: decisions, but no migration yet
        int code = ReportCommand.run(config, Map.of("from", "2025-10-22T08:00:00Z", "to", "2025-10-22T08:10:00Z",
                "events", folder.resolve("demo").toString(), "out", out.toString()),
                new PrintStream(console, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        String html = Files.readString(out);
        for (String section : HtmlReportWriter.SECTIONS) {
            assertThat(html).contains("<h2>" + section + "</h2>");
        }
        assertThat(html).contains("No workload was migrated in this range.")
                .contains("No inefficiency was detected in this range.")
                .contains("No alert fired or resolved in this range.")
                .contains("Baseline: each workload starts at once")
                .contains("<svg");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("0 migrations");
    }

    @Test
    void aDemoWithoutMigrationsRendersEveryFigureAndSaysThereWasNoMove() throws Exception {
        Path events = folder.resolve("demo-no-migrations");
        CaspianConfig expensiveMoves = Fixtures.config(Map.of("demo.output-dir", events.toString(),
                "demo.background-workloads", "10", "migration.lambda-gco2", "1000"));
        RunSummary summary = DemoJob.run(expensiveMoves, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .summary();
        assertThat(summary.migrations()).as("migrations of the run").isZero();

        AuditReport report = ReportCommand.build(expensiveMoves, Map.of("events", events.toString()), new TimeRange(DAY_START, DAY_END));
        assertThat(report.migrations()).noneMatch(AuditReport.MigrationRow::own);
        assertThat(report.carbon().emittedG()).isCloseTo(summary.emittedCo2G(), within(0.05));
        assertThat(report.carbon().migrationCostG()).isZero();
        String html = writeReport(expensiveMoves, events, "2025-10-22", "2025-10-23", "no-migrations.html");
        assertEverySectionAndFigure(html);
        assertThat(html).contains("0 migrations by CASPIAN");
    }

    @Test
    void aOneZoneBackTestRendersEveryFigure() throws Exception {
        Path trace = folder.resolve("kr.csv");
        StringBuilder csv = new StringBuilder("datetime,KR\n");
        Instant hour = Instant.parse("2022-04-02T00:00:00Z");
        for (int i = 0; i < 48; i++, hour = hour.plusSeconds(3600)) {
            csv.append(hour).append(',').append(400 + 150 * Math.sin(i * Math.PI / 12)).append('\n');
        }
        Files.writeString(trace, csv);
        CaspianConfig hourly = Fixtures.config(Map.of("scheduler.interval", "1h", "scheduler.slot", "1h",
                "scheduler.horizon", "24h", "scheduler.solver", "greedy"));
        Path out = folder.resolve("one-zone");
        ReplayReport backTest = ReplayJob.run(hourly, ReplayOptions.from(Map.of("replay.carbon-file", trace.toString(),
                "replay.zones", "KR", "replay.hourly", "true", "replay.from", "2022-04-02T00:00:00Z",
                "replay.to", "2022-04-04T00:00:00Z", "replay.output-dir", out.toString())),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path events = out.resolve(ReplayJob.AWARE_RUN);

        AuditReport report = ReportCommand.build(hourly, Map.of("events", events.toString()),
                new TimeRange(Instant.parse("2022-04-01T00:00:00Z"), Instant.parse("2022-04-06T00:00:00Z")));
        assertThat(report.migrations()).isEmpty();
        assertThat(report.decisions().bySelectedCluster()).containsOnlyKeys("dc-KR");
        assertThat(report.carbon().emittedG()).isCloseTo(backTest.total().policy().emittedG(), within(0.5));
        assertEverySectionAndFigure(writeReport(hourly, events, "2022-04-01", "2022-04-06", "one-zone.html"));
        // a range before the trace: an empty window
        String empty = writeReport(hourly, events, "2022-03-01", "2022-03-02", "empty-window.html");
        assertEverySectionAndFigure(empty);
        assertThat(empty).contains("no decisions in this range").contains("no migrations in this range")
                .contains("no carbon accounted in this range");
    }

    private static String writeReport(CaspianConfig config, Path events, String from, String to, String name) throws Exception {
        Path out = folder.resolve(name);
        int code = ReportCommand.run(config, Map.of("from", from, "to", to, "events", events.toString(), "out", out.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        return Files.readString(out);
    }

    /** Every section, and under each figure's heading an SVG: with data, or saying there is none. */
    private static void assertEverySectionAndFigure(String html) {
        for (String section : HtmlReportWriter.SECTIONS) {
            assertThat(html).contains("<h2>" + section + "</h2>");
        }
        for (String figure : HtmlReportWriter.FIGURES) {
            assertThat(html).as("figure %s", figure).contains("<h3>" + figure + "</h3><svg");
        }
    }

    @Test
    void aBadRangeIsAUsageErrorNotAReport() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = ReportCommand.run(config, Map.of("from", "2025-10-23", "to", "2025-10-22", "events", folder.toString()),
                System.out, new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("must be before");
    }
}
