package io.caspian.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigException;
import io.caspian.config.ConfigLoader;
import io.caspian.events.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The keys of {@code caspian.yaml} that a policy document may set while the job runs: what an
 * operator tunes (migration price and network matrix, solver and its limits, carbon signal and its
 * maximum age, forecast method, baseline home cluster, image allowlist). Structural keys (topics,
 * slot, horizon, domains, limits) stay with the configuration file: changing them needs a restart.
 */
public final class PolicyKeys {

    public static final String LAMBDA = "migration.lambda-gco2";
    public static final String NETWORK_COST = "migration.network-cost-gco2-per-gb";
    public static final String SOLVER = "scheduler.solver";
    public static final String SOLVER_DETERMINISTIC_TIME = "scheduler.solver-deterministic-time";
    public static final String SOLVER_TIME_LIMIT = "scheduler.solver-time-limit";
    public static final String LOCAL_SEARCH_BUDGET = "scheduler.local-search-budget";
    public static final String ANTICIPATE_ARRIVALS = "scheduler.anticipate-arrivals";
    public static final String SIGNAL = "carbon.signal";
    public static final String MAX_AGE = "carbon.max-age";
    public static final String LEARNED_FORECAST = "carbon.learned-forecast";
    public static final String HOME_CLUSTER = "baseline.home-cluster";
    public static final String IMAGE_ALLOWLIST = "kubernetes.image-allowlist";

    /** Every key a policy may set. */
    public static final Set<String> ALL = Set.copyOf(List.of(LAMBDA, NETWORK_COST, SOLVER, SOLVER_DETERMINISTIC_TIME,
            SOLVER_TIME_LIMIT, LOCAL_SEARCH_BUDGET, ANTICIPATE_ARRIVALS, SIGNAL, MAX_AGE, LEARNED_FORECAST, HOME_CLUSTER, IMAGE_ALLOWLIST));

    /** The same keys in name order, as messages list them. */
    public static final List<String> NAMES = List.copyOf(new java.util.TreeSet<>(ALL));

    /**
     * The keys a tenant- or label-scoped document may set: what is priced or decided per workload. The
     * others (solver, carbon data, forecast) are decided for a whole round of a domain.
     */
    public static final Set<String> PER_WORKLOAD = Set.of(LAMBDA, NETWORK_COST, HOME_CLUSTER, IMAGE_ALLOWLIST);

    private PolicyKeys() {}

    /**
     * The configuration with these settings in force, each checked as the configuration file's own
     * value would be.
     *
     * @throws ConfigException naming the key and what is wrong with its value
     */
    public static CaspianConfig apply(CaspianConfig base, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return base;
        }
        ObjectNode tree = Json.object();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!ALL.contains(setting.getKey())) {
                throw new ConfigException(setting.getKey() + " is not a policy key"
                        + io.caspian.config.KnownKeys.didYouMean(setting.getKey(), ALL) + " (policy keys: " + NAMES + ")");
            }
            String[] path = setting.getKey().split("\\.", 2);
            ObjectNode section = tree.has(path[0]) ? (ObjectNode) tree.get(path[0]) : tree.putObject(path[0]);
            section.set(path[1], parse(setting.getKey(), setting.getValue()));
        }
        return ConfigLoader.withPolicy(base, tree);
    }

    /** Every policy key's value in this configuration, as JSON text: the old side of a change. */
    public static SortedMap<String, String> values(CaspianConfig config) {
        SortedMap<String, String> values = new TreeMap<>();
        values.put(LAMBDA, number(config.migration().lambdaGco2()));
        values.put(NETWORK_COST, Json.write(matrix(config.migration())));
        values.put(SOLVER, text(config.scheduler().solver().name().toLowerCase(Locale.ROOT)));
        values.put(SOLVER_DETERMINISTIC_TIME, number(config.scheduler().solverDeterministicTime()));
        values.put(SOLVER_TIME_LIMIT, text(duration(config.scheduler().solverTimeLimit())));
        values.put(LOCAL_SEARCH_BUDGET, Long.toString(config.scheduler().localSearchBudget()));
        values.put(ANTICIPATE_ARRIVALS, Boolean.toString(config.scheduler().anticipateArrivals()));
        values.put(SIGNAL, text(config.carbon().signal()));
        values.put(MAX_AGE, text(duration(config.carbon().maxAge())));
        values.put(LEARNED_FORECAST, Boolean.toString(config.carbon().learnedForecast()));
        values.put(HOME_CLUSTER, config.baselineHomeCluster() == null ? "null" : text(config.baselineHomeCluster()));
        com.fasterxml.jackson.databind.node.ArrayNode images = Json.MAPPER.createArrayNode();
        config.kubernetes().imageAllowlist().entries().forEach(images::add);
        values.put(IMAGE_ALLOWLIST, Json.write(images));
        return values;
    }

    /** A value as JSON text: numbers, booleans, lists and mappings as they are, anything else as a string. */
    public static String canonical(JsonNode value) {
        return Json.write(value);
    }

    private static JsonNode parse(String key, String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new ConfigException(key + " holds no JSON value: " + e.getMessage());
        }
    }

    private static ObjectNode matrix(CaspianConfig.Migration migration) {
        TreeMap<String, TreeMap<String, Object>> rows = new TreeMap<>();
        migration.networkCostGco2PerGb().forEach((from, row) -> row.forEach(
                (to, cost) -> rows.computeIfAbsent(from, f -> new TreeMap<>()).put(to, cost)));
        migration.forbidden().forEach((from, targets) -> targets.forEach(
                to -> rows.computeIfAbsent(from, f -> new TreeMap<>()).put(to, ConfigLoader.FORBIDDEN)));
        ObjectNode node = Json.object();
        rows.forEach((from, row) -> {
            ObjectNode out = node.putObject(from);
            row.forEach((to, cost) -> {
                if (cost instanceof Double d) {
                    out.put(to, d);
                } else {
                    out.put(to, cost.toString());
                }
            });
        });
        return node;
    }

    private static String number(double value) {
        return Json.write(Json.MAPPER.getNodeFactory().numberNode(value));
    }

    private static String text(String value) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(value));
    }

    /** A duration as the configuration writes it: whole seconds as {@code 90 s}, otherwise milliseconds. */
    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
