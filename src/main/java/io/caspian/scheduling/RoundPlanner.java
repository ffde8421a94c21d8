package io.caspian.scheduling;

import io.caspian.config.CaspianConfig;
import io.caspian.events.Alternative;
import io.caspian.events.AuditEvent;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.ForecastPoint;
import io.caspian.events.Placement;
import io.caspian.events.SchedulingDecision;
import io.caspian.events.WorkloadPhase;
import io.caspian.optimizer.Assignment;
import io.caspian.optimizer.EnergyModel;
import io.caspian.optimizer.ForecastCurve;
import io.caspian.optimizer.GreedyOptimizer;
import io.caspian.optimizer.Job;
import io.caspian.optimizer.MigrationCostModel;
import io.caspian.optimizer.Optimizer;
import io.caspian.optimizer.Plan;
import io.caspian.optimizer.Problem;
import io.caspian.optimizer.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the state at one round into an optimisation problem, solves it, and applies the plan to the
 * workloads: dispatch (gate open), hold for a greener slot, keep pending, keep running, or migrate.
 */
public final class RoundPlanner {

    public static final String SCHEDULER = "caspian-flink";
    /** The solver named on a placement no solver made: a running workload kept where it is, or one that ended. */
    public static final String KEPT_IN_PLACE = "none";
    /** A learned forecast reaches a day past the horizon, for runs that start late in it. */
    static final long LEARNED_BEYOND_HORIZON_MILLIS = 24 * 3_600_000L;

    private final CaspianConfig config;
    private final EnergyModel energy;
    private final MigrationCostModel migration;
    private final Optimizer optimizer;
    private final CarbonLedger ledger;
    private final long policyVersion;
    private final DispatchLoop.Settings dispatch;
    /** The policies of workloads with their own (tenant or label scope), set for each round. */
    private WorkloadPolicies workloadPolicies = WorkloadPolicies.NONE;

    public RoundPlanner(CaspianConfig config, Optimizer optimizer) {
        this(config, optimizer, 0);
    }

    /** @param policyVersion the policy version {@code config} is (0: caspian.yaml), named on every decision */
    public RoundPlanner(CaspianConfig config, Optimizer optimizer, long policyVersion) {
        this.policyVersion = policyVersion;
        this.config = config;
        this.energy = energyModel(config);
        this.migration = MigrationCostModel.of(config.migration());
        this.optimizer = optimizer;
        this.dispatch = DispatchLoop.Settings.of(config);
        this.ledger = new CarbonLedger(config.carbon().maxAge().toMillis(), config.carbon().learnedForecast()
                ? config.scheduler().horizon().toMillis() + LEARNED_BEYOND_HORIZON_MILLIS : 0);
    }

    public static EnergyModel energyModel(CaspianConfig config) {
        CaspianConfig.Energy e = config.energy();
        return new EnergyModel(e.wattsPerCore(), e.wattsPerGbMemory(), e.wattsPerGpu(), e.pue());
    }

    /** The workloads' own policies for the rounds to come (the placement rounds set them at each round). */
    public void use(WorkloadPolicies policies) {
        this.workloadPolicies = policies;
    }

    public EnergyModel energy() {
        return energy;
    }

    public CarbonLedger ledger() {
        return ledger;
    }

    /**
     * Plans every active workload (pending or running). Mutates their states to the plan's outcome.
     */
    public RoundResult plan(long round, Map<String, Cluster> clusters, Map<String, ZoneState> zones, List<WorkloadState> active) {
        return plan(round, clusters, zones, active, null);
    }

    /**
     * @param arrivals what the domain learnt about its arrivals; with {@code scheduler.anticipate-arrivals}
     *     the plan reserves room for the ones expected over the horizon (null: none)
     */
    public RoundResult plan(long round, Map<String, Cluster> clusters, Map<String, ZoneState> zones, List<WorkloadState> active,
            ArrivalModel arrivals) {
        long slotMillis = config.scheduler().slot().toMillis();
        int horizon = config.scheduler().horizonSlots();

        List<Cluster> siteClusters = new ArrayList<>();
        for (Cluster cluster : new TreeMap<>(clusters).values()) {
            if (cluster.schedulable() && ledger.fresh(zones.get(cluster.geolocation()), round)) {
                siteClusters.add(cluster);
            }
        }
        List<WorkloadState> planned = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        for (WorkloadState w : active) {
            String waiting = DispatchLoop.backingOff(w, round);
            if (waiting != null) {
                w.plannedCluster = null;
                w.plannedStartMillis = null;
                placements.add(placement(w, round, null, -1, false, waiting, 0, 0, 0, null, KEPT_IN_PLACE));
                continue;
            }
            String keptReason = keptInPlaceReason(w, clusters, siteClusters);
            if (keptReason != null) {
                placements.add(placement(w, round, w.cluster, 0, true, keptReason, 0, 0, 0, zoneOf(w.cluster, clusters), KEPT_IN_PLACE));
            } else {
                planned.add(w);
            }
        }

        int longestSlots = 1;
        for (WorkloadState w : planned) {
            longestSlots = Math.max(longestSlots, (int) Math.ceil(w.remainingMinutesAt(round) * 60_000.0 / slotMillis) + 1);
        }
        boolean anticipate = config.scheduler().anticipateArrivals() && arrivals != null && arrivals.observed > 0;
        // expected arrivals late in the horizon keep their whole window: the plan reaches one deadline past
        // the horizon (at most another horizon) for them, while the workloads here still start within it
        int planning = horizon;
        if (anticipate) {
            longestSlots = Math.max(longestSlots, (int) Math.ceil(arrivals.runtimeMinutes * 60_000.0 / slotMillis) + 1);
            planning = horizon + Math.min(horizon, (int) Math.ceil(arrivals.deadlineMinutes * 60_000.0 / slotMillis));
        }
        List<Site> sites = new ArrayList<>();
        int forecastZones = 0;
        int learnedZones = 0;
        int blendedZones = 0;
        for (Cluster c : siteClusters) {
            ZoneState zone = zones.get(c.geolocation());
            if (hasForecast(zone, round)) {
                if (zone.forecastBlended) {
                    blendedZones++;
                } else if (zone.forecastLearned) {
                    learnedZones++;
                } else {
                    forecastZones++;
                }
            }
            sites.add(new Site(c.name(), c.geolocation(), c.total().cpu(), c.total().memGb(), c.total().gpu(),
                    intensity(zone, round, slotMillis, planning + longestSlots)));
        }
        String forecastKind = forecastZones + learnedZones + blendedZones == 0 ? "persistence"
                : forecastZones == sites.size() ? "forecast"
                : learnedZones == sites.size() ? "learned" : blendedZones == sites.size() ? "combined" : "mixed";

        List<Job> jobs = new ArrayList<>();
        // a workload here starts within the configured horizon, however far the plan reaches for expected ones
        long latestStartCap = planning > horizon ? horizon - 1L : Integer.MAX_VALUE;
        for (WorkloadState w : planned) {
            jobs.add(job(w, round, slotMillis, sites, latestStartCap));
        }
        if (anticipate) {
            jobs.addAll(anticipated(arrivals, round, slotMillis, planning, sites.size()));
        }
        Problem problem = new Problem(round, slotMillis, planning, sites, jobs, migration);
        Plan plan = optimizer.solve(problem, previousPlan(planned, problem));

        List<AuditEvent> decisions = new ArrayList<>();
        DecisionReasons reasons = new DecisionReasons(problem, plan);
        for (int i = 0; i < planned.size(); i++) {
            apply(planned.get(i), jobs.get(i), i, reasons, plan.assignments().get(i), problem, plan, forecastKind, round, clusters,
                    placements, decisions);
        }
        return new RoundResult(placements, decisions, plan.solver(), plan.elapsedMillis());
    }

    /**
     * The last round's plan mapped onto this round's problem, as the exact solver's warm start: a
     * workload keeps its planned cluster and start (slot 0 once running); one the last round could not
     * place, or whose plan no longer fits this round's slots, has no hint. The solver checks it and
     * falls back to the heuristic's plan when it is not feasible any more.
     */
    private static Plan previousPlan(List<WorkloadState> planned, Problem problem) {
        List<Assignment> previous = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            WorkloadState w = planned.get(i);
            Job job = problem.jobs().get(i);
            int site = -1;
            for (int s = 0; s < problem.sites().size(); s++) {
                if (problem.sites().get(s).name().equals(w.plannedCluster)) {
                    site = s;
                }
            }
            long start = w.plannedStartMillis == null ? Long.MIN_VALUE : w.plannedStartMillis;
            int slot = job.running() ? 0 : (int) Math.max(0, (start - problem.startMillis()) / problem.slotMillis());
            if (site < 0 || w.plannedStartMillis == null || slot > job.lastCandidateSlot(problem.horizonSlots())) {
                previous.add(Assignment.unplaced("no plan from the last round"));
            } else {
                previous.add(new Assignment(site, slot, problem.carbon(job, site, slot), problem.migrationCost(job, site), null));
            }
        }
        for (int i = planned.size(); i < problem.jobs().size(); i++) {
            previous.add(Assignment.unplaced("expected, not here yet"));
        }
        return new Plan(previous, "previous-round", "WARM_START", Double.NaN, 0);
    }

    /**
     * The workloads expected to arrive over the plan's reach, as the plan reserves room for them: the typical
     * workload of the domain, as many per slot as the arrivals of that slot's hour of day (the cumulative
     * expectation rounded, so fractions add up), each free to start from the slot after its arrival until
     * its deadline. They compete with the workloads that are here only through capacity: a workload here
     * takes a green slot that an expected one would need only when the two together emit less that way.
     * They are planned, never dispatched, and never appear in a placement or a decision.
     */
    private List<Job> anticipated(ArrivalModel arrivals, long round, long slotMillis, int planning, int siteCount) {
        List<Job> expected = new ArrayList<>();
        double slotHours = slotMillis / 3_600_000.0;
        int slack = (int) Math.floor((arrivals.deadlineMinutes - arrivals.runtimeMinutes) * 60_000.0 / slotMillis);
        double power = energy.powerWatts(arrivals.cpu, arrivals.memGb, 0);
        double cumulative = 0;
        long placedSoFar = 0;
        for (int k = 1; k < planning; k++) {
            double perHour = arrivals.expectedPerHour(round + (k - 1) * slotMillis);
            if (Double.isNaN(perHour)) {
                return List.of(); // not a whole day seen yet
            }
            cumulative += perHour * slotHours;
            long due = (long) Math.floor(cumulative + 0.5);
            for (; placedSoFar < due; placedSoFar++) {
                boolean[] allowed = new boolean[siteCount];
                java.util.Arrays.fill(allowed, true);
                expected.add(new Job("anticipated-" + k + "-" + placedSoFar, arrivals.cpu, arrivals.memGb, 0, power,
                        arrivals.runtimeMinutes, arrivals.dataGb, false, null, -1, Math.min(planning - 1, k + Math.max(0, slack)),
                        allowed, -1, null, k));
            }
        }
        return expected;
    }

    /** A running workload whose cluster cannot be planned this round but may keep it: left alone. */
    private static String keptInPlaceReason(WorkloadState w, Map<String, Cluster> clusters, List<Cluster> sites) {
        if (w.phase != WorkloadPhase.RUNNING || w.cluster == null) {
            return null;
        }
        for (Cluster site : sites) {
            if (site.name().equals(w.cluster)) {
                return null;
            }
        }
        Cluster cluster = clusters.get(w.cluster);
        if (cluster == null || cluster.status() == ClusterStatus.DELETED || cluster.status() == ClusterStatus.NOT_READY) {
            return null; // it must move
        }
        return cluster.status() == ClusterStatus.DRAINING
                ? "kept running: its cluster is draining"
                : "kept running: no fresh carbon data for zone " + cluster.geolocation() + ", so it is not re-planned";
    }

    private static boolean hasForecast(ZoneState zone, long round) {
        if (zone.forecast == null) {
            return false;
        }
        for (ForecastPoint point : zone.forecast) {
            if (point.timestampMillis() > round) {
                return true;
            }
        }
        return false;
    }

    private static double[] intensity(ZoneState zone, long round, long slotMillis, int slots) {
        List<ForecastPoint> points = zone.forecast == null ? List.of() : zone.forecast;
        long[] times = new long[points.size()];
        double[] values = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            times[i] = points.get(i).timestampMillis();
            values[i] = points.get(i).intensityGco2PerKwh();
        }
        return ForecastCurve.perSlot(zone.intensity, times, values, round, slotMillis, slots);
    }

    /** @param latestStartCap the last slot it may start in, whatever its deadline (the horizon, when the plan reaches past it) */
    private Job job(WorkloadState w, long round, long slotMillis, List<Site> sites, long latestStartCap) {
        boolean[] allowed = new boolean[sites.size()];
        int current = -1;
        int home = -1;
        for (int s = 0; s < sites.size(); s++) {
            String name = sites.get(s).name();
            allowed[s] = w.spec.allows(name);
            if (name.equals(w.cluster)) {
                current = s;
            }
            if (name.equals(w.homeCluster)) {
                home = s;
            }
        }
        // a workload whose dispatch is awaited, or whose move just failed, stays where it is for now, unless its
        // cluster cannot be planned on any more (then it must move)
        if (current >= 0 && DispatchLoop.pinned(w, round)) {
            for (int s = 0; s < sites.size(); s++) {
                allowed[s] = allowed[s] && s == current;
            }
        }
        boolean running = w.phase == WorkloadPhase.RUNNING;
        double remaining = w.remainingMinutesAt(round);
        long latestStart = w.deadlineMillis - Math.round(remaining * 60_000.0);
        int latestSlot = latestStart < round ? -1 : (int) Math.min(latestStartCap, (latestStart - round) / slotMillis);
        return new Job(w.jobId, w.spec.cpu(), w.spec.memGb(), w.spec.gpu(),
                energy.powerWatts(w.spec.cpu(), w.spec.memGb(), w.spec.gpu()), remaining, w.spec.dataGb(), running,
                running ? w.cluster : null, current, latestSlot, allowed, home, workloadPolicies.migration(w.spec));
    }

    private void apply(WorkloadState w, Job job, int index, DecisionReasons reasons, Assignment a, Problem problem, Plan plan,
            String forecastKind, long round,
            Map<String, Cluster> clusters, List<Placement> placements, List<AuditEvent> decisions) {
        String outcome;
        String reason;
        String target = a.placed() ? problem.sites().get(a.site()).name() : null;
        double carbonSaving = 0;
        double migrationCost = 0;
        String previous = w.phase == WorkloadPhase.RUNNING ? w.cluster : null;
        if (!a.placed()) {
            outcome = "pending";
            reason = a.unplacedReason();
            if (w.phase == WorkloadPhase.RUNNING) {
                // its cluster is gone and nothing else can take it: it waits to be restarted
                w.ranMinutesBefore = w.ranMinutesAt(round);
                w.runningSinceMillis = null;
                w.cluster = null;
                w.phase = WorkloadPhase.PENDING;
                DispatchLoop.forgetDispatch(w);
                reason = "cluster " + previous + " is unavailable and " + reason;
            }
        } else if (w.phase == WorkloadPhase.PENDING && a.startSlot() > 0) {
            outcome = "held";
            reason = reasons.held(index);
        } else if (w.phase == WorkloadPhase.PENDING) {
            outcome = job.deadlineReachable() ? "dispatched" : "deadline_at_risk";
            reason = job.deadlineReachable()
                    ? String.format(Locale.ROOT, "least carbon within the deadline: %.2f gCO2 on %s starting now", a.carbonG(), target)
                    : "deadline can no longer be met; started as soon as possible on the least-carbon cluster " + target;
            w.phase = WorkloadPhase.RUNNING;
            w.cluster = target;
            w.runningSinceMillis = round;
            if (w.scheduledAtMillis == null) {
                w.scheduledAtMillis = round;
            }
            DispatchLoop.dispatchedAt(w, round, null, dispatch);
        } else if (target.equals(w.cluster)) {
            outcome = "kept";
            String afterFailedMove = DispatchLoop.keptAfterFailedMove(w, round);
            reason = afterFailedMove != null ? afterFailedMove : "running; no move saves more than it costs";
        } else {
            outcome = "migrated";
            migrationCost = a.migrationCostG();
            double stay = job.currentSite() >= 0 ? problem.carbon(job, job.currentSite(), 0) : Double.NaN;
            carbonSaving = Double.isNaN(stay) ? 0 : stay - a.carbonG();
            reason = Double.isNaN(stay)
                    ? "moved from " + previous + " because that cluster is unavailable"
                    : carbonSaving <= migrationCost
                    ? reasons.movedAtALoss(index, job.currentSite(), carbonSaving, migrationCost)
                    : String.format(Locale.ROOT,
                            "moved from %s: saves %.2f gCO2 over the remaining %.0f min, more than the migration cost %.2f gCO2",
                            previous, carbonSaving, job.durationMinutes(), migrationCost);
            w.ranMinutesBefore = w.ranMinutesAt(round);
            w.runningSinceMillis = round;
            w.migratedFrom = previous;
            w.migrationTimeMillis = round;
            w.migrations++;
            w.cluster = target;
            w.emittedCo2G += migrationCost;
            w.migrationCostTotalG += migrationCost;
            DispatchLoop.dispatchedAt(w, round, previous, dispatch);
        }
        boolean gateOpen = w.phase == WorkloadPhase.RUNNING;
        int startSlot = a.placed() ? a.startSlot() : -1;
        w.plannedCluster = target;
        w.plannedStartMillis = a.placed() ? round + a.startSlot() * problem.slotMillis() : null;
        placements.add(placement(w, round, target, startSlot, gateOpen, reason, a.carbonG() + a.migrationCostG(),
                migrationCost, carbonSaving, zoneOf(target, clusters), plan.solver()).withPrevious(previous));

        // a decision is published when it changes: dispatching or moving, holding, or waiting, per cluster
        String key = w.phase == WorkloadPhase.RUNNING ? "running|" + w.cluster : outcome + "|" + target;
        if (!key.equals(w.lastDecisionKey)) {
            w.lastDecisionKey = key;
            decisions.add(decision(w, job, a, problem, plan, outcome, reason, target, forecastKind, round));
        }
    }

    private AuditEvent decision(WorkloadState w, Job job, Assignment a, Problem problem, Plan plan, String outcome,
            String reason, String target, String forecastKind, long round) {
        List<Alternative> alternatives = new ArrayList<>();
        List<Assignment> options = GreedyOptimizer.bestPerSite(problem, job);
        for (int s = 0; s < options.size(); s++) {
            Assignment option = options.get(s);
            String name = problem.sites().get(s).name();
            if (option.placed()) {
                alternatives.add(new Alternative(name, true, round + option.startSlot() * problem.slotMillis(),
                        option.carbonG(), option.migrationCostG(), option.costG(), null));
            } else {
                alternatives.add(new Alternative(name, false, null, 0, 0, 0, option.unplacedReason()));
            }
        }
        Long plannedStart = a.placed() ? round + a.startSlot() * problem.slotMillis() : null;
        SchedulingDecision decision = new SchedulingDecision(SCHEDULER, w.spec, target, outcome, reason, plannedStart,
                w.phase == WorkloadPhase.RUNNING, a.costG(), baselineEstimate(problem, job),
                job.powerWatts(), EnergyModel.energyKwh(job.powerWatts(), job.durationMinutes()), alternatives,
                plan.elapsedMillis(), plan.solver(), plan.status(), plan.optimalityGap(), round, forecastKind,
                workloadPolicies.version(w.spec, policyVersion));
        return AuditEvent.decision(w.jobId, target, round, decision);
    }

    /**
     * The decision that ends a workload whose dispatches failed too often: outcome {@code failed}, the
     * last failure as its reason, nothing planned.
     */
    public AuditEvent failedDecision(WorkloadState w, long round, String reason) {
        SchedulingDecision decision = new SchedulingDecision(SCHEDULER, w.spec, null, "failed", reason, null, false, 0,
                Double.NaN, energy.powerWatts(w.spec.cpu(), w.spec.memGb(), w.spec.gpu()), 0, List.of(), 0, KEPT_IN_PLACE,
                "NOT_PLANNED", Double.NaN, round, null, workloadPolicies.version(w.spec, policyVersion));
        return AuditEvent.decision(w.jobId, null, round, decision);
    }

    /** Forecast carbon of starting now at home, for the decision; NaN when home cannot be planned. */
    private static double baselineEstimate(Problem problem, Job job) {
        return job.homeSite() >= 0 ? problem.carbon(job, job.homeSite(), 0) : Double.NaN;
    }

    private static String zoneOf(String cluster, Map<String, Cluster> clusters) {
        Cluster c = cluster == null ? null : clusters.get(cluster);
        return c == null ? null : c.geolocation();
    }

    Placement placement(WorkloadState w, long round, String target, int startSlot, boolean gateOpen, String reason,
            double estimated, double migrationCost, double carbonSaving, String zone, String solver) {
        Long plannedStart = startSlot < 0 ? null : round + startSlot * config.scheduler().slot().toMillis();
        return new Placement(w.jobId, round, w.phase, target, zone, startSlot, plannedStart, gateOpen, reason, estimated,
                w.emittedCo2G, w.baselineCo2G, w.scheduledAtMillis, null, null, null,
                w.spec.dataGb(), energy.powerWatts(w.spec.cpu(), w.spec.memGb(), w.spec.gpu()),
                w.remainingMinutesAt(round), w.deadlineMillis, migrationCost, carbonSaving, solver, w.endedMillis, w.spec,
                w.submittedMillis, workloadPolicies.version(w.spec, policyVersion));
    }

    /** The record of a workload that ended (completed, cancelled, failed, expired) at this round. */
    public Placement terminal(WorkloadState w, long round, String reason, Map<String, Cluster> clusters) {
        return placement(w, round, w.cluster, -1, false, reason, 0, 0, 0, zoneOf(w.cluster, clusters), KEPT_IN_PLACE);
    }
}
