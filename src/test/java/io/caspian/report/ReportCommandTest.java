package io.caspian.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEventType;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.DemoJob;
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
    void aBadRangeIsAUsageErrorNotAReport() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = ReportCommand.run(config, Map.of("from", "2025-10-23", "to", "2025-10-22", "events", folder.toString()),
                System.out, new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("must be before");
    }
}
