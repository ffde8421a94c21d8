package io.caspian.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.caspian.config.CaspianConfig.SolverChoice;
import io.caspian.formats.CarbonFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import io.caspian.validation.TypedValues;

/**
 * Builds a {@link CaspianConfig} from the packaged defaults ({@code caspian.yaml}), an optional user
 * file and {@code --section.key=value} overrides, in that order of precedence (last wins).
 */
public final class ConfigLoader {

    public static final String DEFAULTS_RESOURCE = "/caspian.yaml";
    /** A network-cost matrix entry that bans the move instead of pricing it. */
    public static final String FORBIDDEN = "forbidden";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Function<String, String> environment;

    public ConfigLoader() {
        this(System::getenv);
    }

    /** @param environment looks up {@code ${NAME}} references in Kafka client properties */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The packaged defaults alone. */
    public static CaspianConfig defaults() {
        return new ConfigLoader().load(null, Map.of());
    }

    /**
     * @param userFile a YAML file whose keys override the defaults, or null
     * @param overrides dotted keys to values, applied last
     */
    public CaspianConfig load(Path userFile, Map<String, String> overrides) {
        ObjectNode tree = readDefaults();
        KnownKeys known = new KnownKeys(tree);
        if (userFile != null) {
            try {
                JsonNode user = YAML.readTree(Files.newBufferedReader(userFile));
                if (user != null && user.isObject()) {
                    known.check(user, userFile.toString());
                    deepMerge(tree, (ObjectNode) user);
                } else if (user != null && !user.isMissingNode() && !user.isNull()) {
                    throw new ConfigException(userFile + ": expected a YAML mapping at the top");
                }
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + userFile + ": " + e.getMessage());
            }
        }
        ObjectNode commandLine = YAML.createObjectNode();
        overrides.forEach((key, value) -> setPath(commandLine, key, value));
        known.check(commandLine, "command line");
        overrides.forEach((key, value) -> setPath(tree, key, value));
        return bind(tree);
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("packaged defaults " + DEFAULTS_RESOURCE + " are missing");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read packaged defaults: " + e.getMessage());
        }
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode incoming) {
                deepMerge(existingObject, incoming);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void setPath(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    private CaspianConfig bind(ObjectNode tree) {
        Section topics = new Section(tree, "topics");
        Section kafka = new Section(tree, "kafka");
        Section scheduler = new Section(tree, "scheduler");
        Section carbon = new Section(tree, "carbon");
        Section watermarks = new Section(tree, "watermarks");
        Section migration = new Section(tree, "migration");
        Section energy = new Section(tree, "energy");
        Section baseline = new Section(tree, "baseline");
        Section demo = new Section(tree, "demo");
        Section elasticsearch = new Section(tree, "elasticsearch");
        Section kubernetes = new Section(tree, "kubernetes");
        Section analytics = new Section(tree, "analytics");
        Section inefficiency = new Section(tree, "inefficiency");
        Section limits = new Section(tree, "limits");

        CaspianConfig.Scheduler schedulerConfig = new CaspianConfig.Scheduler(
                scheduler.positiveDuration("interval"),
                scheduler.positiveDuration("slot"),
                scheduler.positiveDuration("horizon"),
                scheduler.solver("solver"),
                scheduler.positiveDouble("solver-deterministic-time"),
                scheduler.positiveDuration("solver-time-limit"),
                scheduler.positiveLong("local-search-budget"),
                scheduler.bool("complete-after-runtime"),
                clusterDomains(scheduler.object("domains")),
                scheduler.bool("anticipate-arrivals"));
        if (schedulerConfig.horizon().compareTo(schedulerConfig.slot()) < 0) {
            throw new ConfigException("scheduler.horizon must be at least one scheduler.slot");
        }
        String signal = signal(carbon.string("signal"));
        return new CaspianConfig(
                new CaspianConfig.Topics(
                        topics.string("carbon-intensity"),
                        topics.string("workloads"),
                        topics.string("clusters"),
                        topics.string("events-in"),
                        topics.string("alert-rules"),
                        topics.string("policies"),
                        topics.string("placements"),
                        topics.string("audit-events"),
                        topics.string("analytics"),
                        topics.string("alerts"),
                        topics.string("dead-letter"),
                        topics.string("round-summaries"),
                        topics.string("dispatch-outcomes")),
                new CaspianConfig.Kafka(
                        kafka.string("bootstrap-servers"),
                        kafka.string("group-id"),
                        transactionalIdPrefix(kafka.optionalString("transactional-id-prefix")),
                        kafkaProperties(kafka.object("properties"))),
                schedulerConfig,
                new CaspianConfig.Carbon(carbon.positiveDuration("max-age"), signal, carbonFormat(carbon.string("format")),
                        carbon.bool("learned-forecast")),
                watermarks(watermarks),
                new CaspianConfig.Migration(
                        migration.nonNegativeDouble("lambda-gco2"),
                        networkMatrix(migration.object("network-cost-gco2-per-gb")),
                        forbiddenMoves(migration.object("network-cost-gco2-per-gb"))),
                new CaspianConfig.Energy(
                        energy.nonNegativeDouble("watts-per-core"),
                        energy.nonNegativeDouble("watts-per-gb-memory"),
                        energy.nonNegativeDouble("watts-per-gpu"),
                        energy.pue("pue")),
                baseline.optionalString("home-cluster"),
                new CaspianConfig.Demo(
                        demo.string("output-dir"), demo.longValue("seed"), (int) demo.longValue("background-workloads"),
                        demo.optionalString("policies-file")),
                ElasticsearchSection.bind(elasticsearch),
                new CaspianConfig.Kubernetes(
                        kubernetes.bool("enabled"),
                        kubernetes.string("namespace"),
                        (int) kubernetes.positiveLong("retry-attempts"),
                        kubernetes.positiveDuration("retry-initial-backoff"),
                        kubernetes.positiveDuration("request-timeout"),
                        kubernetes.positiveDuration("status-poll-interval"),
                        imageAllowlist(tree.path("kubernetes").get("image-allowlist")),
                        (int) kubernetes.positiveLong("dispatch-attempts"),
                        kubernetes.positiveDuration("dispatch-retry-backoff"),
                        kubernetes.positiveDuration("migration-start-timeout"),
                        kubernetes.bool("await-outcomes"),
                        kubernetes.positiveDuration("outcome-timeout")),
                new CaspianConfig.Audit(
                        analyticsWindows(analytics.object("windows")),
                        analytics.optionalNonNegativeDouble("price-per-kwh"),
                        analytics.string("currency"),
                        inefficiency.nonNegativeDouble("utilization-threshold-pct"),
                        inefficiency.positiveDuration("min-duration"),
                        inefficiency.nonNegativeDouble("idle-watts-per-core"),
                        inefficiency.nonNegativeDouble("idle-below-pct"),
                        analytics.positiveDuration("policy-switch-span")),
                new CaspianConfig.Limits(
                        limits.positiveLong("payload-bytes"),
                        limits.positiveInt("id-length"),
                        limits.positiveInt("zone-length"),
                        limits.positiveInt("runtime-minutes"),
                        limits.positiveInt("deadline-minutes"),
                        limits.positiveDouble("cpu"),
                        limits.positiveDouble("mem-gb"),
                        limits.positiveInt("gpu"),
                        limits.positiveDouble("data-gb"),
                        limits.positiveInt("image-length"),
                        limits.positiveInt("command-args"),
                        limits.positiveInt("command-chars"),
                        limits.positiveDouble("intensity-gco2-per-kwh"),
                        limits.positiveInt("forecast-points"),
                        limits.positiveDuration("forecast-horizon"),
                        limits.positiveDuration("future-skew"),
                        limits.instant("earliest-event-time"),
                        limits.positiveLong("output-record-bytes")));
    }

    /**
     * The configuration with a policy's settings in force ({@link io.caspian.policy.PolicyKeys}): each
     * key the tree names replaces its value in {@code base}, read and checked exactly as the
     * configuration file's own value is; every other setting is {@code base}'s.
     *
     * @param policy sections of {@code caspian.yaml} holding only policy keys
     */
    public static CaspianConfig withPolicy(CaspianConfig base, ObjectNode policy) {
        ObjectNode tree = policy.deepCopy();
        for (String section : List.of("migration", "scheduler", "carbon", "baseline", "kubernetes")) {
            if (!tree.has(section)) {
                tree.putObject(section);
            }
        }
        Section migration = new Section(tree, "migration");
        Section scheduler = new Section(tree, "scheduler");
        Section carbon = new Section(tree, "carbon");
        Section baseline = new Section(tree, "baseline");
        CaspianConfig.Migration m = base.migration();
        JsonNode matrix = migration.object("network-cost-gco2-per-gb");
        CaspianConfig.Migration newMigration = new CaspianConfig.Migration(
                migration.has("lambda-gco2") ? migration.nonNegativeDouble("lambda-gco2") : m.lambdaGco2(),
                matrix != null ? networkMatrix(matrix) : m.networkCostGco2PerGb(),
                matrix != null ? forbiddenMoves(matrix) : m.forbidden());
        CaspianConfig.Scheduler s = base.scheduler();
        CaspianConfig.Scheduler newScheduler = new CaspianConfig.Scheduler(s.interval(), s.slot(), s.horizon(),
                scheduler.has("solver") ? scheduler.solver("solver") : s.solver(),
                scheduler.has("solver-deterministic-time") ? scheduler.positiveDouble("solver-deterministic-time")
                        : s.solverDeterministicTime(),
                scheduler.has("solver-time-limit") ? scheduler.positiveDuration("solver-time-limit") : s.solverTimeLimit(),
                scheduler.has("local-search-budget") ? scheduler.positiveLong("local-search-budget") : s.localSearchBudget(),
                s.completeAfterRuntime(), s.clusterDomains(),
                scheduler.has("anticipate-arrivals") ? scheduler.bool("anticipate-arrivals") : s.anticipateArrivals());
        CaspianConfig.Carbon c = base.carbon();
        CaspianConfig.Carbon newCarbon = new CaspianConfig.Carbon(
                carbon.has("max-age") ? carbon.positiveDuration("max-age") : c.maxAge(),
                carbon.has("signal") ? signal(carbon.string("signal")) : c.signal(),
                c.format(),
                carbon.has("learned-forecast") ? carbon.bool("learned-forecast") : c.learnedForecast());
        String home = baseline.has("home-cluster") ? baseline.optionalString("home-cluster") : base.baselineHomeCluster();
        CaspianConfig.Kubernetes k = base.kubernetes();
        JsonNode images = tree.path("kubernetes").get("image-allowlist");
        CaspianConfig.Kubernetes newKubernetes = images == null ? k : k.withImageAllowlist(imageAllowlist(images));
        return new CaspianConfig(base.topics(), base.kafka(), newScheduler, newCarbon, base.watermarks(), newMigration,
                base.energy(), home, base.demo(), base.elasticsearch(), newKubernetes, base.audit(), base.limits());
    }

    /** A YAML list, or (from the command line) one comma-separated string; absent or empty = no image allowed. */
    private static io.caspian.dispatch.ImageAllowlist imageAllowlist(JsonNode node) {
        List<String> entries = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(entry -> entries.add(entry.asText().trim()));
        } else if (node != null && !node.isNull()) {
            if (!node.isValueNode()) {
                throw new ConfigException("kubernetes.image-allowlist must be a list of image prefixes");
            }
            for (String entry : node.asText().split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        try {
            return new io.caspian.dispatch.ImageAllowlist(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kubernetes.image-allowlist: " + e.getMessage());
        }
    }

    private static Map<String, Duration> analyticsWindows(JsonNode node) {
        if (node == null || node.size() == 0) {
            throw new ConfigException("analytics.windows must name at least one window, e.g. {1m: 1 min}");
        }
        Map<String, Duration> windows = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            // YAML reads a bare `off` as false
            boolean off = e.getValue().isNull() || (e.getValue().isBoolean() && !e.getValue().asBoolean());
            String text = off ? "off" : e.getValue().asText().trim();
            if (text.isEmpty() || text.equalsIgnoreCase("off")) {
                return; // files merge into the defaults, so a default window is switched off this way
            }
            windows.put(e.getKey(), positiveDuration("analytics.windows." + e.getKey(), text));
        });
        if (windows.isEmpty()) {
            throw new ConfigException("analytics.windows must keep at least one window");
        }
        return java.util.Collections.unmodifiableMap(windows);
    }

    /** {@code scheduler.domains}: domain → list of clusters, turned into cluster → domain; a cluster in two is refused. */
    private static Map<String, String> clusterDomains(JsonNode node) {
        Map<String, String> domains = new LinkedHashMap<>();
        if (node == null) {
            return domains;
        }
        node.fields().forEachRemaining(domain -> {
            String key = "scheduler.domains." + domain.getKey();
            List<String> clusters = new ArrayList<>();
            if (domain.getValue().isArray()) {
                domain.getValue().forEach(c -> clusters.add(c.asText().trim()));
            } else if (domain.getValue().isTextual()) {
                for (String c : domain.getValue().asText().split(",")) {
                    clusters.add(c.trim());
                }
            } else {
                throw new ConfigException(key + " must list cluster names");
            }
            for (String cluster : clusters) {
                if (cluster.isEmpty()) {
                    continue;
                }
                String other = domains.putIfAbsent(cluster, domain.getKey());
                if (other != null && !other.equals(domain.getKey())) {
                    throw new ConfigException("cluster " + cluster + " is in scheduler.domains." + other + " and " + key
                            + "; a cluster belongs to one domain");
                }
            }
        });
        return Map.copyOf(domains);
    }

    private static String signal(String text) {
        String signal = text.toLowerCase(Locale.ROOT);
        if (!signal.equals("average") && !signal.equals("marginal")) {
            throw new ConfigException("carbon.signal must be 'average' or 'marginal', got '" + signal + "'");
        }
        return signal;
    }

    private static String carbonFormat(String name) {
        if (!CarbonFormats.names().contains(name)) {
            throw new ConfigException("carbon.format must be one of " + CarbonFormats.names() + ", got '" + name + "'");
        }
        return name;
    }

    /** The environment variable that names the deployment, when the prefix is not given (the FlinkDeployment sets it). */
    public static final String DEPLOYMENT_ENV = "CASPIAN_DEPLOYMENT";
    /** The prefix when neither the configuration nor the environment names the deployment. */
    public static final String FALLBACK_TRANSACTIONAL_ID_PREFIX = "caspian";
    private static final java.util.regex.Pattern DEPLOYMENT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /**
     * The transactional id prefix: as configured, else {@code caspian-<deployment>} from
     * {@value #DEPLOYMENT_ENV}, else {@code caspian}. Two jobs with the same prefix on one broker
     * fence each other's producers (each start aborts the other's transactions), so every deployment
     * needs its own; it must also stay the same across restarts and upgrades of one deployment, or
     * transactions left open by the previous run are not aborted and hold back read_committed readers
     * until they time out.
     */
    private String transactionalIdPrefix(String configured) {
        if (configured != null) {
            return configured;
        }
        String deployment = environment.apply(DEPLOYMENT_ENV);
        if (deployment == null || deployment.isBlank()) {
            return FALLBACK_TRANSACTIONAL_ID_PREFIX;
        }
        deployment = deployment.trim();
        if (!DEPLOYMENT_NAME.matcher(deployment).matches()) {
            throw new ConfigException("$" + DEPLOYMENT_ENV + " must be a name of letters, digits, '.', '_' and '-' (at most 200),"
                    + " got '" + deployment + "'");
        }
        return FALLBACK_TRANSACTIONAL_ID_PREFIX + "-" + deployment;
    }

    private Map<String, String> kafkaProperties(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node == null) {
            return properties;
        }
        flatten("", node, properties);
        return Map.copyOf(properties);
    }

    /** Kafka keys contain dots; an override such as {@code kafka.properties.security.protocol} nests, so join back. */
    private void flatten(String prefix, JsonNode node, Map<String, String> properties) {
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), properties);
            } else {
                properties.put(key, resolveEnvironment(key, e.getValue().asText()));
            }
        });
    }

    private String resolveEnvironment(String key, String value) {
        if (value.startsWith("${") && value.endsWith("}")) {
            String name = value.substring(2, value.length() - 1);
            String resolved = environment.apply(name);
            if (resolved == null) {
                throw new ConfigException("kafka.properties." + key + " refers to environment variable " + name + ", which is not set");
            }
            return resolved;
        }
        return value;
    }

    private static Map<String, Map<String, Double>> networkMatrix(JsonNode node) {
        Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
        if (node == null) {
            return matrix;
        }
        node.fields().forEachRemaining(from -> {
            if (!from.getValue().isObject()) {
                throw new ConfigException("migration.network-cost-gco2-per-gb." + from.getKey() + " must map target clusters to gCO2/GB");
            }
            Map<String, Double> row = new LinkedHashMap<>();
            from.getValue().fields().forEachRemaining(to -> {
                String key = "migration.network-cost-gco2-per-gb." + from.getKey() + "." + to.getKey();
                if (isForbidden(to.getValue())) {
                    return; // not a price: see forbiddenMoves
                }
                double cost = parseDouble(key, to.getValue().asText());
                if (cost < 0) {
                    throw new ConfigException(key + " must not be negative, got " + cost);
                }
                row.put(to.getKey(), cost);
            });
            matrix.put(from.getKey(), Map.copyOf(row));
        });
        return Map.copyOf(matrix);
    }

    private static boolean isForbidden(JsonNode value) {
        return value.isTextual() && value.asText().trim().equalsIgnoreCase(FORBIDDEN);
    }

    /** The matrix entries spelled {@code forbidden}: moves that are infeasible, not expensive. */
    private static Map<String, Set<String>> forbiddenMoves(JsonNode node) {
        Map<String, Set<String>> forbidden = new LinkedHashMap<>();
        if (node == null) {
            return forbidden;
        }
        node.fields().forEachRemaining(from -> {
            Set<String> targets = new LinkedHashSet<>();
            from.getValue().fields().forEachRemaining(to -> {
                if (isForbidden(to.getValue())) {
                    targets.add(to.getKey());
                }
            });
            if (!targets.isEmpty()) {
                forbidden.put(from.getKey(), Set.copyOf(targets));
            }
        });
        return Map.copyOf(forbidden);
    }

    /** {@code idleness-after-data} left empty is {@code idleness}. */
    private static CaspianConfig.Watermarks watermarks(Section watermarks) {
        Duration idleness = watermarks.positiveDuration("idleness");
        String afterData = watermarks.optionalString("idleness-after-data");
        return new CaspianConfig.Watermarks(watermarks.positiveDuration("max-out-of-orderness"), idleness,
                afterData == null ? idleness : watermarks.positiveDuration("idleness-after-data"));
    }

    /** Flink's duration forms ({@code 5 min}, {@code 300 s}) or ISO-8601 ({@code PT5M}); zero and less refused. */
    private static Duration positiveDuration(String key, String text) {
        Duration duration = TypedValues.duration(text);
        if (duration == null) {
            throw new ConfigException(key + " must be a duration such as '5 min', got '" + text + "'");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new ConfigException(key + " must be positive, got '" + text + "'");
        }
        return duration;
    }

    private static double parseDouble(String key, String text) {
        Double value = TypedValues.number(text);
        if (value == null) {
            throw new ConfigException(key + " must be a number, got '" + text + "'");
        }
        return value;
    }

    /** Typed, precise access to one top-level section of the tree. */
    static final class Section {
        private final String name;
        private final JsonNode node;

        Section(ObjectNode tree, String name) {
            this(name, tree.get(name));
        }

        private Section(String name, JsonNode node) {
            this.name = name;
            this.node = node;
            if (node == null || !node.isObject()) {
                throw new ConfigException("section '" + name + "' is missing");
            }
        }

        /** A mapping inside this section, e.g. {@code elasticsearch.tls}, its keys named in full in errors. */
        Section nested(String key) {
            return new Section(name + "." + key, node.get(key));
        }

        /** Whether the section names this key (with any value, null included). */
        boolean has(String key) {
            return node.has(key);
        }

        private JsonNode required(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new ConfigException(name + "." + key + " is missing");
            }
            return value;
        }

        String string(String key) {
            String value = required(key).asText().trim();
            if (value.isEmpty()) {
                throw new ConfigException(name + "." + key + " must not be empty");
            }
            return value;
        }

        String optionalString(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
        }

        JsonNode object(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw new ConfigException(name + "." + key + " must be a mapping");
            }
            return value;
        }

        Duration positiveDuration(String key) {
            return ConfigLoader.positiveDuration(name + "." + key, string(key));
        }

        double nonNegativeDouble(String key) {
            double value = parseDouble(name + "." + key, required(key).asText());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new ConfigException(name + "." + key + " must be a finite number >= 0, got " + value);
            }
            return value;
        }

        /** A number >= 0, or null when the key is absent or empty. */
        Double optionalNonNegativeDouble(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                return null;
            }
            return nonNegativeDouble(key);
        }

        double pue(String key) {
            double value = nonNegativeDouble(key);
            if (value < 1.0) {
                throw new ConfigException(name + "." + key + " must be at least 1.0, got " + value);
            }
            return value;
        }

        long longValue(String key) {
            String text = required(key).asText().trim();
            Long value = TypedValues.wholeNumber(text);
            if (value == null) {
                throw new ConfigException(name + "." + key + " must be a whole number, got '" + text + "'");
            }
            return value;
        }

        long positiveLong(String key) {
            long value = longValue(key);
            if (value <= 0) {
                throw new ConfigException(name + "." + key + " must be at least 1, got " + value);
            }
            return value;
        }

        int positiveInt(String key) {
            long value = positiveLong(key);
            if (value > Integer.MAX_VALUE) {
                throw new ConfigException(name + "." + key + " must be at most " + Integer.MAX_VALUE + ", got " + value);
            }
            return (int) value;
        }

        double positiveDouble(String key) {
            double value = nonNegativeDouble(key);
            if (value == 0) {
                throw new ConfigException(name + "." + key + " must be greater than 0");
            }
            return value;
        }

        java.time.Instant instant(String key) {
            String text = string(key);
            Long millis = io.caspian.events.json.FieldReader.parseTime(text);
            if (millis == null) {
                throw new ConfigException(name + "." + key + " must be an ISO-8601 time such as 2000-01-01T00:00:00Z, got '"
                        + text + "'");
            }
            return java.time.Instant.ofEpochMilli(millis);
        }

        boolean bool(String key) {
            JsonNode value = required(key);
            Boolean parsed = TypedValues.bool(value);
            if (parsed == null) {
                throw new ConfigException(name + "." + key + " must be true or false, got '" + value.asText() + "'");
            }
            return parsed;
        }

        SolverChoice solver(String key) {
            String text = string(key);
            try {
                return SolverChoice.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> allowed = new ArrayList<>();
                for (SolverChoice choice : SolverChoice.values()) {
                    allowed.add(choice.name().toLowerCase(Locale.ROOT));
                }
                throw new ConfigException(name + "." + key + " must be one of " + allowed + ", got '" + text + "'");
            }
        }
    }
}
