package io.caspian.cli;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigException;
import io.caspian.config.KnownKeys;
import io.caspian.config.ConfigLoader;
import io.caspian.jobs.DemoJob;
import io.caspian.jobs.IndexingJob;
import io.caspian.jobs.StreamingJob;
import io.caspian.jobs.TopicSetup;
import io.caspian.jobs.ReplayJob;
import io.caspian.replay.ReplayOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entry point: {@code caspian <mode> [--config FILE] [--section.key=value ...]}.
 */
public final class Main {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: caspian <mode> [--config FILE] [--section.key=value ...]",
            "modes:",
            "  demo     run the job in an embedded MiniCluster on the seeded demo scenario (no Kafka, no Elasticsearch)",
            "  run      streaming mode: Kafka topics in, exactly-once Kafka topics out (docs/streaming.md)",
            "  index    index the output topics into Elasticsearch in a job of its own (with elasticsearch.separate-indexer=true"
                    + " for run; docs/elasticsearch.md)",
            "  create-topics  create the configured Kafka topics that do not exist yet (replication 1; --replication N)",
            io.caspian.report.ReportCommand.USAGE,
            io.caspian.policy.PolicyCommand.USAGE,
            "  replay   back-test a recorded carbon trace through the same operators, e.g.",
            "           --replay.carbon-file=east_asia_2022_hourly_KR_JP_TW_SG.csv --replay.zones=KR --replay.hourly=true"
                    + " --scheduler.interval=1h --scheduler.slot=1h (docs/replay.md)",
            "every key of caspian.yaml can be overridden, e.g. --scheduler.interval=1min --migration.lambda-gco2=50");

    private Main() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Arguments parsed;
        CaspianConfig config;
        try {
            parsed = Arguments.parse(args);
            parsed.checkModeOptions();
            config = new ConfigLoader().load(parsed.configFile(), parsed.configOverrides());
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        }
        switch (parsed.mode()) {
            case "demo" -> DemoJob.run(config, System.out);
            case "run" -> StreamingJob.run(config);
            case "index" -> IndexingJob.run(config);
            case "create-topics" -> TopicSetup.run(config, Short.parseShort(parsed.overrides().getOrDefault("replication", "1")), System.out);
            case "replay" -> {
                try {
                    ReplayJob.run(config, ReplayOptions.from(parsed.overrides()), System.out);
                } catch (ConfigException e) {
                    System.err.println("configuration error: " + e.getMessage());
                    return 2;
                }
            }
            case "policy" -> {
                return io.caspian.policy.PolicyCommand.run(config, parsed.overrides(), System.out, System.err);
            }
            case "report" -> {
                return io.caspian.report.ReportCommand.run(config, parsed.overrides(), System.out, System.err);
            }
            default -> {
                System.err.println("unknown mode '" + parsed.mode() + "'");
                System.err.println(USAGE);
                return 2;
            }
        }
        return 0;
    }

    /** The mode, an optional configuration file and the key overrides. */
    public record Arguments(String mode, Path configFile, Map<String, String> overrides, List<String> rest) {

        /** Options of a mode itself (no dot in the name), beside the configuration's dotted keys. */
        static final Map<String, Set<String>> MODE_OPTIONS = Map.of(
                "create-topics", Set.of("replication"),
                "policy", Set.of("file", "dry-run"),
                "report", Set.of("from", "to", "out", "source", "events", "es-url"));

        /** The configuration's own keys: dotted, and not a back-test's {@code replay.*} options. */
        public Map<String, String> configOverrides() {
            Map<String, String> keys = new LinkedHashMap<>(ReplayOptions.withoutReplayKeys(overrides));
            keys.keySet().removeIf(key -> !key.contains("."));
            return keys;
        }

        /** Refuses an option the mode does not have, naming those it has. */
        public void checkModeOptions() {
            Set<String> allowed = MODE_OPTIONS.getOrDefault(mode, Set.of());
            for (String key : overrides.keySet()) {
                if (!key.contains(".") && !allowed.contains(key)) {
                    throw new ConfigException("unknown option --" + key + " for mode " + mode + KnownKeys.didYouMean(key, allowed)
                            + (allowed.isEmpty() ? " (it takes configuration keys only, such as --scheduler.interval=1min)"
                                    : " (it takes " + new java.util.TreeSet<>(allowed) + " and configuration keys)"));
                }
                if (key.startsWith(ReplayOptions.PREFIX) && !mode.equals("replay")) {
                    throw new ConfigException("--" + key + " is a back-test option; it belongs to mode replay");
                }
            }
        }

        /** The command line after {@code caspian}; a FlinkDeployment's {@code job.args} are read the same way. */
        public static Arguments parse(String[] args) {
            String mode = args[0];
            Path configFile = null;
            Map<String, String> overrides = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--config")) {
                    if (i + 1 >= args.length) {
                        throw new ConfigException("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    int eq = arg.indexOf('=');
                    overrides.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (arg.startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    overrides.put(arg.substring(2), args[++i]);
                } else {
                    rest.add(arg);
                }
            }
            return new Arguments(mode, configFile, overrides, rest);
        }
    }
}
