package io.caspian.report;

import io.caspian.config.CaspianConfig;
import io.caspian.sinks.elasticsearch.ElasticsearchAuth;
import io.caspian.sinks.elasticsearch.ElasticsearchClients;
import io.caspian.sinks.elasticsearch.ElasticsearchTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticsearch.client.RestClient;

/**
 * {@code caspian report --from T --to T [--source es --es-url URL | --events DIR] [--out FILE]}: the
 * audit report of a time range, from Elasticsearch or from the JSON-lines files of a demo or replay run.
 */
public final class ReportCommand {

    public static final String USAGE = "  report   write the audit report of a time range: --from T --to T "
            + "[--source es [--es-url URL] | --events DIR] [--out FILE]";
    static final Set<String> OPTIONS = Set.of("from", "to", "source", "es-url", "events", "out");
    static final String DEFAULT_OUT = "out/report/audit-report.html";

    private ReportCommand() {}

    /** @return the process exit code */
    public static int run(CaspianConfig config, Map<String, String> options, PrintStream console, PrintStream errors) {
        try {
            TimeRange range = new TimeRange(TimeRange.parseTime("--from", required(options, "from")),
                    TimeRange.parseTime("--to", required(options, "to")));
            Path out = Path.of(options.getOrDefault("out", DEFAULT_OUT));
            AuditReport report = build(config, options, range);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, HtmlReportWriter.render(report), StandardCharsets.UTF_8);
            console.printf("audit report %s .. %s: %d decisions, %d migrations, %d inefficiencies, %d alerts -> %s%n",
                    range.from(), range.to(), report.decisions().total(), report.migrations().size(),
                    report.inefficiencies().size(), report.alerts().size(), out.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            errors.println("report: " + e.getMessage());
            errors.println(USAGE.trim());
            return 2;
        } catch (IOException | RuntimeException e) {
            errors.println("report failed: " + e.getMessage());
            return 1;
        }
    }

    /** Builds the report of a range from the source the options name, without writing it. */
    public static AuditReport build(CaspianConfig config, Map<String, String> options, TimeRange range) throws IOException {
        String baseline = baseline(config);
        String source = options.getOrDefault("source", options.containsKey("events") ? "files" : "es");
        switch (source) {
            case "files" -> {
                Path folder = Path.of(required(options, "events"));
                JsonLinesAuditSource files = new JsonLinesAuditSource(folder);
                AuditRecords records = files.read(range);
                String described = "JSON-lines files in " + folder.toAbsolutePath()
                        + (files.unreadableLines() > 0 ? " (" + files.unreadableLines() + " unreadable lines skipped)" : "");
                return AuditReportBuilder.build(records, range, described, baseline, config);
            }
            case "es" -> {
                CaspianConfig.Elasticsearch es = options.containsKey("es-url")
                        ? config.elasticsearch().withUrl(options.get("es-url")) : config.elasticsearch();
                try (RestClient client = ElasticsearchClients.restClient(es, ElasticsearchAuth.fromEnvironment(es, System::getenv))) {
                    AuditRecords records = new ElasticsearchAuditSource(client, es.indexPrefix()).read(range);
                    return AuditReportBuilder.build(records, range, "Elasticsearch at " + es.url() + ", indices "
                            + es.indexPrefix() + "-*", baseline, config);
                } catch (IOException e) {
                    Optional<String> untrusted = ElasticsearchTrust.untrustedServer(e, es);
                    if (untrusted.isPresent()) {
                        throw new IOException(untrusted.get(), e);
                    }
                    throw e;
                }
            }
            default -> throw new IllegalArgumentException("--source must be 'es' or 'files', got '" + source + "'");
        }
    }

    /** The baseline every saving is measured against, in words, with the configured fallback cluster. */
    static String baseline(CaspianConfig config) {
        String fallback = config.baselineHomeCluster() == null ? "the first cluster by name"
                : "baseline.home-cluster (" + config.baselineHomeCluster() + ")";
        return "each workload starts at once, when submitted, on its home cluster: its home_cluster, else its first affinity "
                + "cluster, else " + fallback + "; both sides are accounted with the measured carbon intensities over the same time.";
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
