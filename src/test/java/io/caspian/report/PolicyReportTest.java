package io.caspian.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.json.Json;
import io.caspian.jobs.CollectedOutputs;
import io.caspian.jobs.DemoJob;
import io.caspian.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with two policy switches (the demo's 40 background workloads, examples/policies/demo-lambda-switch.jsonl: λ lowered to 10 g at
 * 11:00, the greedy solver from 14:00): its analytics compare each switch before and after, and its
 * report shows every version's figures and each switch, read back from the files the run wrote.
 */
class PolicyReportTest {

    private static final Instant EFFECTIVE_1 = Instant.parse("2025-10-22T11:05:00Z");
    private static final Instant EFFECTIVE_2 = Instant.parse("2025-10-22T14:05:00Z");

    @TempDir
    static Path folder;
    private static CaspianConfig config;
    private static CollectedOutputs run;

    @BeforeAll
    static void runTheDemoWithPolicies() throws Exception {
        config = Fixtures.config(Map.of("demo.output-dir", folder.resolve("demo").toString(),
                "demo.policies-file", "examples/policies/demo-lambda-switch.jsonl"));
        run = DemoJob.run(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void everyDecisionNamesTheVersionInForceAtItsRound() {
        List<AuditEvent> changes = run.auditEvents.stream().filter(e -> e.eventType() == AuditEventType.POLICY_CHANGE).toList();
        assertThat(changes).extracting(e -> e.policyChange().version()).containsExactly(1L, 2L);
        assertThat(changes.get(1).policyChange().changes()).singleElement()
                .satisfies(c -> assertThat(c.key()).isEqualTo("scheduler.solver"));
        List<AuditEvent> decisions = run.auditEvents.stream().filter(e -> e.eventType() == AuditEventType.SCHEDULING_DECISION
                && AuditEvent.ORIGIN.equals(e.origin())).toList();
        assertThat(decisions).isNotEmpty().allSatisfy(d -> {
            long round = d.decision().roundMillis();
            long expected = round < EFFECTIVE_1.toEpochMilli() ? 0 : round < EFFECTIVE_2.toEpochMilli() ? 1 : 2;
            assertThat(d.decision().policyVersion()).isEqualTo(expected);
        });
        assertThat(decisions).extracting(d -> d.decision().policyVersion()).contains(0L, 1L);
    }

    @Test
    void eachSwitchIsComparedBeforeAndAfterInTheAnalytics() throws Exception {
        List<JsonNode> switches = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("demo").resolve("analytics.jsonl"))) {
            JsonNode record = Json.parse(line);
            if (record.path("metric_group").asText().equals("policy_switch")) {
                switches.add(record);
            }
        }
        assertThat(switches).extracting(r -> r.get("to_version").asLong()).containsExactlyInAnyOrder(1L, 2L);
        JsonNode first = switches.stream().filter(r -> r.get("to_version").asLong() == 1).findFirst().orElseThrow();
        assertThat(first.get("window_start").asText()).isEqualTo("2025-10-22T10:05:00Z");
        assertThat(first.get("window_end").asText()).isEqualTo("2025-10-22T12:05:00Z");
        assertThat(first.get("before_decisions").asDouble()).isPositive();
        assertThat(first.get("after_decisions").asDouble()).isPositive();
        assertThat(first.get("before_baseline_co2_g").asDouble()).isPositive();
        assertThat(first.get("saving_change_pp").asDouble()).isCloseTo(
                first.get("after_saving_pct").asDouble() - first.get("before_saving_pct").asDouble(),
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theReportComparesThePolicyVersions() throws Exception {
        Path html = folder.resolve("report.html");
        int exit = ReportCommand.run(config, Map.of("events", folder.resolve("demo").toString(), "from", "2025-10-22T00:00:00Z",
                "to", "2025-10-23T00:00:00Z", "out", html.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        AuditReport report = ReportCommand.build(config, Map.of("events", folder.resolve("demo").toString()),
                new TimeRange(Instant.parse("2025-10-22T00:00:00Z"), Instant.parse("2025-10-23T00:00:00Z")));

        assertThat(report.policyVersions()).extracting(PolicyVersions.VersionRow::version).containsExactly(0L, 1L, 2L);
        assertThat(report.policyVersions()).allSatisfy(v -> assertThat(v.rounds()).isPositive());
        double emitted = report.policyVersions().stream().mapToDouble(v -> v.figures().get("emitted_co2_g")).sum();
        assertThat(emitted).as("the versions split the range's carbon between them")
                .isCloseTo(report.carbon().emittedG(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(report.policySwitches()).extracting(PolicyVersions.SwitchRow::effectiveRound).containsExactly(EFFECTIVE_1, EFFECTIVE_2);
        assertThat(report.policySwitches().get(0).changes()).containsExactly("migration.lambda-gco2: 100.0 → 10.0");
        assertThat(report.policySwitches()).allSatisfy(s -> assertThat(s.comparison()).isNotNull());

        String page = Files.readString(html);
        assertThat(page).contains("<h2>Policy versions</h2>").contains("version 0 (caspian.yaml)")
                .contains("Version 0 → 1 (global), from the round of 2025-10-22T11:05:00Z")
                .contains("moves priced lower");
    }
}
