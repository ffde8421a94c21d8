package io.caspian.jobs;

import io.caspian.config.CaspianConfig;
import io.caspian.events.Alert;
import io.caspian.events.AuditEvent;
import io.caspian.events.AuditEventType;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.RawRecord;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.DeadLetterJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.sinks.JsonLinesFiles;
import io.caspian.sinks.OutputLine;
import io.caspian.sources.DemoAlertRules;
import io.caspian.sources.DemoEventsIn;
import io.caspian.sinks.elasticsearch.ElasticsearchSinks;
import io.caspian.sources.DemoScenario;
import io.caspian.workflows.CaspianWorkflow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded default: the whole job in a local MiniCluster, fed by the seeded demo scenario.
 * Prints decisions as they come (migrations are logged by the detector), writes each output stream as
 * JSON lines into the output folder, and ends with a summary.
 */
public final class DemoJob {

    /** The source name of the demo's policy documents. */
    public static final String POLICY_SOURCE = "demo-policies";

    private DemoJob() {}

    /** Each non-blank line of the file is one record of the policies input. */
    static java.util.List<RawRecord> policyRecords(Path file) throws IOException {
        java.util.List<RawRecord> records = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (!line.isBlank()) {
                records.add(new RawRecord(POLICY_SOURCE, 0, records.size(), 0, line));
            }
        }
        return records;
    }

    public static CollectedOutputs run(CaspianConfig config, PrintStream console) throws Exception {
        StreamExecutionEnvironment env = LocalEnvironments.bounded();
        DemoScenario scenario = DemoScenario.generate(config.demo().seed(), config.demo().backgroundWorkloads());
        CaspianWorkflow.Sources sources = new CaspianWorkflow.Sources(
                BoundedRun.source(env, scenario.carbon(), DemoScenario.CARBON_SOURCE),
                BoundedRun.source(env, scenario.workloads(), DemoScenario.WORKLOAD_SOURCE),
                BoundedRun.source(env, scenario.clusters(), DemoScenario.CLUSTER_SOURCE),
                BoundedRun.source(env, DemoEventsIn.records(), DemoEventsIn.SOURCE),
                env.fromData(DemoAlertRules.records(), TypeInformation.of(KeyedRawRecord.class)).name(DemoAlertRules.SOURCE)
                        .uid(DemoAlertRules.SOURCE).setParallelism(1));
        if (config.demo().policiesFile() != null) {
            sources = sources.withPolicies(BoundedRun.source(env, policyRecords(Path.of(config.demo().policiesFile())), POLICY_SOURCE));
        }
        CaspianWorkflow.Outputs outputs = CaspianWorkflow.build(config, sources);
        // off by default; --elasticsearch.enabled=true --elasticsearch.url=... indexes the demo's outputs too
        ElasticsearchSinks.attachAll(outputs, config.elasticsearch());

        Path folder = Path.of(config.demo().outputDir());
        writeCarbonInput(scenario, folder);
        CollectedOutputs collected;
        try (JsonLinesFiles files = new JsonLinesFiles(folder, OutputLine.PLACEMENTS, OutputLine.AUDIT_EVENTS,
                OutputLine.DEAD_LETTER, OutputLine.ANALYTICS, OutputLine.ALERTS, OutputLine.ROUND_SUMMARIES)) {
            collected = BoundedRun.execute(env, outputs, "caspian-demo", output -> {
                files.write(line(output));
                if (output.auditEvent() != null) {
                    print(output.auditEvent(), console);
                }
                if (output.alert() != null) {
                    print(output.alert(), console);
                }
            });
        }
        console.println();
        console.println("== CASPIAN demo summary ==");
        console.print(collected.summary().render());
        console.println("outputs: " + folder.toAbsolutePath()
                + "/{placements,audit-events,dead-letter,analytics,alerts,round-summaries,carbon}.jsonl");
        return collected;
    }

    /** The readings the demo fed the job, so that a notebook can plot intensity per zone. */
    private static void writeCarbonInput(DemoScenario scenario, Path folder) throws IOException {
        try (JsonLinesFiles files = new JsonLinesFiles(folder, OutputLine.CARBON_INPUT)) {
            for (RawRecord record : scenario.carbon()) {
                try {
                    CarbonReadingJson.parse(record.payload());
                    files.write(new OutputLine(OutputLine.CARBON_INPUT, record.payload()));
                } catch (InvalidRecordException e) {
                    // the scenario's deliberately bad reading goes to the dead-letter output, not here
                }
            }
        }
    }

    static OutputLine line(TaggedOutput output) {
        if (output.placement() != null) {
            return new OutputLine(OutputLine.PLACEMENTS, PlacementJson.write(output.placement()));
        }
        if (output.auditEvent() != null) {
            return new OutputLine(OutputLine.AUDIT_EVENTS, AuditEventJson.write(output.auditEvent()));
        }
        if (output.analytics() != null) {
            return new OutputLine(OutputLine.ANALYTICS, AnalyticsRecordJson.write(output.analytics()));
        }
        if (output.alert() != null) {
            return new OutputLine(OutputLine.ALERTS, AlertJson.write(output.alert()));
        }
        if (output.roundSummary() != null) {
            return new OutputLine(OutputLine.ROUND_SUMMARIES, RoundSummaryJson.write(output.roundSummary()));
        }
        return new OutputLine(OutputLine.DEAD_LETTER, DeadLetterJson.write(output.deadLetter()));
    }

    /**
     * One decision as the console shows it. A decision another module published (its origin is not
     * this job) is shown as such: it carries that module's fields, which need not include an outcome
     * or a reason.
     */
    static String decisionLine(AuditEvent event) {
        SchedulingDecision d = event.decision();
        String head = String.format(Locale.ROOT, "DECISION %s %-15s -> %-10s ", Instant.ofEpochMilli(d.roundMillis()),
                event.workloadId(), d.selectedCluster() == null ? "-" : d.selectedCluster());
        if (AuditEvent.ORIGIN.equals(event.origin())) {
            return head + "[" + d.outcome() + "] " + d.reason();
        }
        StringBuilder line = new StringBuilder(head).append("[other module: ").append(event.origin()).append("] ");
        line.append(d.outcome() == null ? "decided there" : d.outcome());
        if (d.reason() != null) {
            line.append(": ").append(d.reason());
        }
        if (d.alternatives() != null && !d.alternatives().isEmpty()) {
            StringJoiner others = new StringJoiner(", ", "; alternatives it weighed: ", "");
            d.alternatives().forEach(alt -> others.add(Double.isNaN(alt.totalCostG()) ? alt.cluster()
                    : String.format(Locale.ROOT, "%s (cost %.2f)", alt.cluster(), alt.totalCostG())));
            line.append(others);
        }
        return line.toString();
    }

    private static void print(Alert a, PrintStream console) {
        console.printf("ALERT    %s %-8s %s %s %s=%s (%s %s) on %s/%s%n", Instant.ofEpochMilli(a.timestampMillis()), a.state(),
                a.severity(), a.ruleId(), a.metric(), a.value(), a.comparator(), a.threshold(), a.scope(), a.window());
    }

    private static void print(AuditEvent event, PrintStream console) {
        if (event.eventType() == AuditEventType.SCHEDULING_DECISION) {
            console.println(decisionLine(event));
        } else if (event.eventType() == AuditEventType.CARBON_DATA_STATUS) {
            console.printf("CARBON   %s zone %s data %s%n", Instant.ofEpochMilli(event.timestampMillis()),
                    event.carbonStatus().zone(), event.carbonStatus().status());
        }
    }
}
