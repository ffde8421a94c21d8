package io.caspian.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The back-test's answer, per zone and in total: carbon of the baseline (each workload started at
 * once on its home cluster), of the carbon-aware policy, and of the perfect-foresight run, with the
 * saving of each against the baseline, migrations and their cost, and deadlines met. Workloads are
 * counted in their home zone, so each figure compares the same workloads.
 */
public final class ReplayReport {

    /** One run's totals over a set of workloads. */
    public record RunTotals(int workloads, int ran, int deadlinesMet, int migrations, double migrationCostG,
            double emittedG, double unaccountedMinutes) {

        RunTotals plus(RunAccount.Outcome o) {
            return new RunTotals(workloads + 1, ran + (o.ran() ? 1 : 0), deadlinesMet + (o.deadlineMet() ? 1 : 0),
                    migrations + o.migrations(), migrationCostG + o.migrationCostG(), emittedG + o.emittedG(),
                    unaccountedMinutes + o.unaccountedMinutes());
        }

        static final RunTotals EMPTY = new RunTotals(0, 0, 0, 0, 0, 0, 0);

        public double savingPct(double baselineG) {
            return baselineG > 0 ? 100.0 * (1 - emittedG / baselineG) : Double.NaN;
        }
    }

    /**
     * Figures of one zone (or of all zones).
     *
     * @param optimumG the offline optimum's carbon for these workloads (for a lower bound: its bound)
     */
    public record ZoneFigures(int workloads, double baselineG, RunTotals policy, RunTotals foresight, double optimumG) {

        /** The policy's saving as a share of the offline optimum's, in %; NaN when the optimum saves nothing. */
        public double shareOfOptimumPct() {
            double optimumSaving = baselineG - optimumG;
            return optimumSaving > 0 ? 100.0 * (baselineG - policy.emittedG()) / optimumSaving : Double.NaN;
        }
    }

    private final Map<String, Object> settings;
    private final List<String> conventions;
    private final Map<String, ZoneFigures> zones;
    private final ZoneFigures total;
    private final OfflineOptimum.Result optimum;

    public ReplayReport(Map<String, Object> settings, List<String> conventions, Map<String, ZoneFigures> zones,
            ZoneFigures total, OfflineOptimum.Result optimum) {
        this.settings = settings;
        this.conventions = conventions;
        this.zones = zones;
        this.total = total;
        this.optimum = optimum;
    }

    /**
     * @param homeZone each workload's home zone
     * @param baselineG each workload's baseline carbon
     */
    public static ReplayReport of(Map<String, Object> settings, List<String> conventions, Map<String, String> homeZone,
            Map<String, Double> baselineG, Map<String, RunAccount.Outcome> policy,
            Map<String, RunAccount.Outcome> foresight, OfflineOptimum.Result optimum) {
        Map<String, ZoneFigures> zones = new TreeMap<>();
        ZoneFigures total = new ZoneFigures(0, 0, RunTotals.EMPTY, RunTotals.EMPTY, 0);
        RunAccount.Outcome missing = new RunAccount.Outcome(0, 0, 0, false, false, 0, null);
        for (Map.Entry<String, String> job : new TreeMap<>(homeZone).entrySet()) {
            double baseline = baselineG.get(job.getKey());
            RunAccount.Outcome p = policy.getOrDefault(job.getKey(), missing);
            RunAccount.Outcome f = foresight.getOrDefault(job.getKey(), missing);
            double best = optimum.gramsByTask().getOrDefault(job.getKey(), 0.0);
            ZoneFigures zone = zones.getOrDefault(job.getValue(), new ZoneFigures(0, 0, RunTotals.EMPTY, RunTotals.EMPTY, 0));
            zones.put(job.getValue(), add(zone, baseline, p, f, best));
            total = add(total, baseline, p, f, best);
        }
        return new ReplayReport(settings, conventions, zones, total, optimum);
    }

    private static ZoneFigures add(ZoneFigures z, double baseline, RunAccount.Outcome p, RunAccount.Outcome f, double optimumG) {
        return new ZoneFigures(z.workloads() + 1, z.baselineG() + baseline, z.policy().plus(p), z.foresight().plus(f),
                z.optimumG() + optimumG);
    }

    public OfflineOptimum.Result optimum() {
        return optimum;
    }

    public Map<String, ZoneFigures> zones() {
        return zones;
    }

    public ZoneFigures total() {
        return total;
    }

    public String json() {
        ObjectNode root = Json.object();
        ObjectNode s = root.putObject("settings");
        settings.forEach((key, value) -> s.put(key, String.valueOf(value)));
        ArrayNode c = root.putArray("conventions");
        conventions.forEach(c::add);
        ObjectNode o = root.putObject("offline_optimum");
        o.put("kind", optimum.kind().name().toLowerCase(Locale.ROOT));
        o.put("emitted_gco2", Json.round3(optimum.totalG()));
        o.put("lower_bound_gco2", Json.round3(optimum.lowerBoundG()));
        o.put("workloads_not_placed", optimum.unplaced());
        o.put("options", optimum.options());
        o.put("seconds", Json.round3(optimum.seconds()));
        write(root.putObject("total"), total);
        ObjectNode byZone = root.putObject("zones");
        zones.forEach((zone, figures) -> write(byZone.putObject(zone), figures));
        return Json.write(root);
    }

    private static void write(ObjectNode node, ZoneFigures z) {
        node.put("workloads", z.workloads());
        node.put("baseline_gco2", Json.round3(z.baselineG()));
        write(node.putObject("carbon_aware"), z.policy(), z.baselineG());
        write(node.putObject("perfect_foresight"), z.foresight(), z.baselineG());
        ObjectNode best = node.putObject("offline_optimum");
        best.put("emitted_gco2", Json.round3(z.optimumG()));
        best.put("saving_pct", Json.round3(100.0 * (1 - z.optimumG() / z.baselineG())));
        putNumber((ObjectNode) node.get("carbon_aware"), "share_of_optimum_pct", z.shareOfOptimumPct());
        putNumber((ObjectNode) node.get("perfect_foresight"), "share_of_optimum_pct",
                new ZoneFigures(z.workloads(), z.baselineG(), z.foresight(), z.foresight(), z.optimumG()).shareOfOptimumPct());
    }

    /** A figure that may be undefined: null rather than NaN, which JSON has not. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Json.round3(value));
        }
    }

    private static void write(ObjectNode node, RunTotals run, double baselineG) {
        node.put("emitted_gco2", Json.round3(run.emittedG()));
        node.put("saving_pct", Json.round3(run.savingPct(baselineG)));
        node.put("workloads_run", run.ran());
        node.put("deadlines_met", run.deadlinesMet());
        node.put("migrations", run.migrations());
        node.put("migration_cost_gco2", Json.round3(run.migrationCostG()));
        node.put("unaccounted_minutes", Json.round3(run.unaccountedMinutes()));
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Back-test report\n\n");
        out.append("| setting | value |\n|---|---|\n");
        settings.forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        out.append("\n## Carbon against the baseline (start at once on the home cluster)\n\n");
        out.append("| zone | workloads | baseline gCO2 | carbon-aware gCO2 | saving | perfect foresight gCO2 | foresight saving"
                + " | offline optimum gCO2 | optimum saving | aware share of optimum"
                + " | deadlines met (aware / foresight) | migrations (aware) | migration cost gCO2 |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, ZoneFigures> rows = new LinkedHashMap<>(zones);
        rows.put("**all**", total);
        rows.forEach((zone, z) -> out.append(String.format(Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.2f %% | %.1f | %.2f %% | %.1f | %.2f %% | %s | %d / %d | %d | %.1f |%n", zone, z.workloads(),
                z.baselineG(), z.policy().emittedG(), z.policy().savingPct(z.baselineG()), z.foresight().emittedG(),
                z.foresight().savingPct(z.baselineG()), z.optimumG(), 100.0 * (1 - z.optimumG() / z.baselineG()),
                Double.isNaN(z.shareOfOptimumPct()) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", z.shareOfOptimumPct()),
                z.policy().deadlinesMet(), z.foresight().deadlinesMet(), z.policy().migrations(), z.policy().migrationCostG())));
        out.append(String.format(Locale.ROOT, "%nOffline optimum: %s (%d options, %d workloads it could not place, %.1f s)%s.%n",
                optimum.kind() == OfflineOptimum.Kind.OPTIMAL ? "optimal"
                        : optimum.kind() == OfflineOptimum.Kind.BEST_FOUND ? "the best plan CP-SAT found in its time limit"
                        : "a proven lower bound (capacity ignored), not a plan",
                optimum.options(), optimum.unplaced(), optimum.seconds(),
                optimum.kind() == OfflineOptimum.Kind.BEST_FOUND
                        ? String.format(Locale.ROOT, "; the optimum is at least %.1f gCO2", optimum.lowerBoundG()) : ""));
        out.append("\n## How it was measured\n\n");
        for (String convention : new ArrayList<>(conventions)) {
            out.append("- ").append(convention).append('\n');
        }
        return out.toString();
    }
}
