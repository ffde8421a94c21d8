package io.caspian.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Where Flink puts each scheduling domain's rounds. Rounds are keyed by the domain's name, and Flink
 * assigns a key to a subtask by its hash, so with few domains two of them may share a subtask while
 * another idles. The name is the key of the domain's state, so the job cannot move a domain by itself
 * without losing its workloads; it says so at start, with a name that would land on an idle subtask.
 */
public final class DomainSpread {

    private DomainSpread() {}

    /** The subtask each domain's rounds run in, by domain name. */
    public static Map<String, Integer> subtasks(List<String> domains, int parallelism, int maxParallelism) {
        Map<String, Integer> subtasks = new TreeMap<>();
        for (String domain : domains) {
            subtasks.put(domain, KeyGroupRangeAssignment.assignKeyToParallelOperator(domain, maxParallelism, parallelism));
        }
        return subtasks;
    }

    /**
     * A warning when two configured domains share a subtask while another has none, naming for each
     * such domain a variant of its name that lands on an idle subtask; null when the domains are spread
     * as well as the parallelism allows. The {@code default} domain is left out: it holds the clusters
     * no domain lists, usually none.
     */
    public static String warning(List<String> domains, int parallelism, int maxParallelism) {
        List<String> configured = domains.stream().filter(d -> !d.equals(Domains.DEFAULT)).toList();
        if (configured.size() < 2 || parallelism < 2) {
            return null;
        }
        Map<String, Integer> subtasks = subtasks(configured, parallelism, maxParallelism);
        long used = subtasks.values().stream().distinct().count();
        if (used >= Math.min(configured.size(), parallelism)) {
            return null;
        }
        boolean[] busy = new boolean[parallelism];
        subtasks.values().forEach(s -> busy[s] = true);
        List<String> moves = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Map.Entry<String, Integer> e : subtasks.entrySet()) {
            if (seen.add(e.getValue())) {
                continue; // the first domain on a subtask stays
            }
            for (int n = 1; n < 1_000; n++) {
                String renamed = e.getKey() + "-" + n;
                int target = KeyGroupRangeAssignment.assignKeyToParallelOperator(renamed, maxParallelism, parallelism);
                if (!busy[target]) {
                    busy[target] = true;
                    moves.add(e.getKey() + " → " + renamed + " (subtask " + target + ")");
                    break;
                }
            }
        }
        return String.format(Locale.ROOT, "scheduling domains %s share %d of the %d placement-rounds subtasks: their rounds run "
                + "one after another. Naming a domain differently moves it (the name is the key of its state, so rename "
                + "when it has no workloads in flight): %s", subtasks, used, parallelism, String.join(", ", moves));
    }
}
