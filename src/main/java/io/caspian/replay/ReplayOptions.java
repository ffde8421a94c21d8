package io.caspian.replay;

import io.caspian.config.ConfigException;
import io.caspian.config.KnownKeys;
import io.caspian.validation.TypedValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a back-test replays, from {@code --replay.key=value} options (defaults below, documented in
 * docs/replay.md). The job's own settings (scheduler, energy, migration) come from caspian.yaml as
 * for every mode.
 *
 * @param carbonFile the recorded carbon trace
 * @param carbonFormat its format's name ({@code wide-csv}, {@code em-csv}, {@code carbon-aware-sdk}, {@code native})
 * @param zones the zones to replay; one cluster per zone, named {@code dc-<zone>}
 * @param workloadsFile JSON lines in the workloads topic's format; null to generate workloads
 * @param forecast how the policy run sees the future (the foresight run always sees it perfectly)
 * @param arrivalsPerHour mean of the generated Poisson arrivals
 * @param hourly generate one workload every hour instead (submitted one minute before the hour)
 * @param from only replay the trace from this time (ISO-8601), null for its start
 * @param to only replay the trace up to this time, null for its end
 */
public record ReplayOptions(
        Path carbonFile,
        String carbonFormat,
        List<String> zones,
        Path workloadsFile,
        CarbonTrace.Forecast forecast,
        double forecastNoise,
        long seed,
        double arrivalsPerHour,
        boolean hourly,
        int runtimeMinutes,
        int deadlineHours,
        double cpu,
        double memGb,
        double clusterCpu,
        String from,
        String to,
        Path outputDir,
        boolean writeEvents,
        boolean anyZone) {

    public static final String PREFIX = "replay.";

    /** Reads the {@code replay.*} keys; the rest of the map is left to the configuration loader. */
    /** Every {@code replay.*} key this record reads. */
    static final java.util.Set<String> KEYS = java.util.Set.of("replay.carbon-file", "replay.carbon-format", "replay.zones",
            "replay.workloads-file", "replay.forecast", "replay.forecast-noise", "replay.seed", "replay.arrivals-per-hour",
            "replay.hourly", "replay.runtime-minutes", "replay.deadline-hours", "replay.cpu", "replay.mem-gb",
            "replay.cluster-cpu", "replay.from", "replay.to", "replay.output-dir", "replay.write-events", "replay.affinity");

    public static ReplayOptions from(Map<String, String> options) {
        Map<String, String> o = new HashMap<>(options);
        for (String key : o.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new ConfigException("unknown back-test option --" + key + KnownKeys.didYouMean(key, KEYS) + " (options: "
                        + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String carbon = o.get("replay.carbon-file");
        if (carbon == null) {
            throw new ConfigException("replay needs --replay.carbon-file=FILE (a recorded carbon trace)");
        }
        String zones = o.get("replay.zones");
        if (zones == null) {
            throw new ConfigException("replay needs --replay.zones=Z1,Z2 (the zones to replay, one cluster each)");
        }
        List<String> zoneList = new ArrayList<>();
        for (String zone : zones.split(",")) {
            if (!zone.isBlank()) {
                zoneList.add(zone.trim());
            }
        }
        return new ReplayOptions(
                Path.of(carbon),
                o.getOrDefault("replay.carbon-format", "wide-csv"),
                List.copyOf(zoneList),
                o.containsKey("replay.workloads-file") ? Path.of(o.get("replay.workloads-file")) : null,
                forecast(o.getOrDefault("replay.forecast", "persistence")),
                number(o, "replay.forecast-noise", 0.1),
                (long) number(o, "replay.seed", 42),
                number(o, "replay.arrivals-per-hour", 1.0),
                bool(o, "replay.hourly", false),
                (int) number(o, "replay.runtime-minutes", 60),
                (int) number(o, "replay.deadline-hours", 24),
                number(o, "replay.cpu", 4),
                number(o, "replay.mem-gb", 16),
                number(o, "replay.cluster-cpu", 100_000),
                o.get("replay.from"),
                o.get("replay.to"),
                Path.of(o.getOrDefault("replay.output-dir", "out/replay")),
                bool(o, "replay.write-events", true),
                affinity(o.getOrDefault("replay.affinity", "home")));
    }

    /** {@code home}: each generated workload may run only in its own zone; {@code any}: in every replayed zone. */
    private static boolean affinity(String text) {
        return switch (text) {
            case "home" -> false;
            case "any" -> true;
            default -> throw new ConfigException("replay.affinity must be home or any, got '" + text + "'");
        };
    }

    private static CarbonTrace.Forecast forecast(String text) {
        try {
            return CarbonTrace.Forecast.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("replay.forecast must be persistence, learned, perfect or noisy, got '" + text + "'");
        }
    }

    private static double number(Map<String, String> o, String key, double fallback) {
        String text = o.get(key);
        if (text == null) {
            return fallback;
        }
        Double value = TypedValues.number(text);
        if (value == null) {
            throw new ConfigException(key + " must be a number, got '" + text + "'");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigException(key + " must be a finite number >= 0, got '" + text + "'");
        }
        return value;
    }

    private static boolean bool(Map<String, String> o, String key, boolean fallback) {
        String text = o.get(key);
        if (text == null) {
            return fallback;
        }
        Boolean value = TypedValues.bool(text);
        if (value == null) {
            throw new ConfigException(key + " must be true or false, got '" + text + "'");
        }
        return value;
    }

    /** The cluster a zone's workloads run on in the back-test. */
    public static String clusterOf(String zone) {
        return "dc-" + zone;
    }

    /** The job's own settings with the {@code replay.*} keys removed. */
    public static Map<String, String> withoutReplayKeys(Map<String, String> overrides) {
        Map<String, String> rest = new java.util.LinkedHashMap<>(overrides);
        rest.keySet().removeIf(key -> key.startsWith(PREFIX));
        return rest;
    }
}
