package io.caspian.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses configuration keys that the packaged defaults do not have, naming the nearest valid key,
 * so that a typo ({@code migration.lamda-gco2}) stops the start instead of silently leaving the default
 * in force. A few mappings are open by design: their keys are the user's own names.
 */
public final class KnownKeys {

    /** Mappings whose keys are free: Kafka client properties, cluster names, window labels. */
    static final Set<String> OPEN = Set.of("kafka.properties", "migration.network-cost-gco2-per-gb", "analytics.windows",
            "scheduler.domains");

    private final List<String> known = new ArrayList<>();
    private final JsonNode defaults;

    KnownKeys(JsonNode defaults) {
        this.defaults = defaults;
        collect("", defaults);
    }

    private void collect(String prefix, JsonNode node) {
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            known.add(key);
            if (e.getValue().isObject() && !OPEN.contains(key)) {
                collect(key, e.getValue());
            }
        });
    }

    /** Checks every key of a user's tree (a file, or the command line's overrides). */
    void check(JsonNode user, String where) {
        check("", user, defaults, where);
    }

    private void check(String prefix, JsonNode user, JsonNode known, String where) {
        for (Map.Entry<String, JsonNode> e : iterable(user)) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode expected = known == null ? null : known.get(e.getKey());
            if (expected == null) {
                throw new ConfigException("unknown configuration key " + key + " (" + where + ")" + suggestion(key)
                        + "; every key and its default is in caspian.yaml");
            }
            if (OPEN.contains(key)) {
                continue;
            }
            if (e.getValue().isObject()) {
                if (!expected.isObject()) {
                    throw new ConfigException(key + " is a single value, not a mapping (" + where + ")");
                }
                check(key, e.getValue(), expected, where);
            }
        }
    }

    private String suggestion(String key) {
        return didYouMean(key, known);
    }

    /** {@code "; did you mean X?"} for the valid name nearest a mistyped one, or nothing when none is near. */
    public static String didYouMean(String key, java.util.Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new java.util.TreeSet<>(valid)) { // in name order, so a tie always names the same key
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3) ? "; did you mean " + best + "?" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
