package io.caspian.functions;

import io.caspian.config.CaspianConfig;
import io.caspian.events.AuditEvent;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.ForecastError;
import io.caspian.events.Origin;
import io.caspian.events.Placement;
import io.caspian.events.PolicyChange;
import io.caspian.events.PolicyDocument;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.metrics.RoundMetrics;
import io.caspian.optimizer.Optimizers;
import io.caspian.policy.PolicyBook;
import io.caspian.policy.PolicyDocumentJson;
import io.caspian.policy.PolicyKeys;
import io.caspian.policy.WorkloadPolicyBook;
import io.caspian.scheduling.ArrivalModel;
import io.caspian.scheduling.CarbonLedger;
import io.caspian.scheduling.DispatchLoop;
import io.caspian.scheduling.Domains;
import io.caspian.scheduling.ForecastSkill;
import io.caspian.scheduling.RoundPlanner;
import io.caspian.scheduling.RoundResult;
import io.caspian.scheduling.RoundTally;
import io.caspian.scheduling.WorkloadState;
import io.caspian.scheduling.ZoneState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by scheduling domain. Buffers carbon readings, cluster updates and workload lifecycle records
 * until the round their event time falls in ([round − interval, round)), then at each round: applies
 * them in time order, accounts the carbon of the past interval, retires ended workloads, and re-plans
 * every pending and running workload against the previous placement. Emits a {@link Placement} when a
 * workload's plan changes or it ends ({@link #planKey}), one {@link io.caspian.events.RoundSummary} per
 * round on its side output, and {@code scheduling_decision} events on the audit side output.
 *
 * <p>Each scheduling domain is a key: its rounds see every cluster registration and every reading (to
 * tell a zone of another domain from an unknown one), but track only the zones of its own clusters and
 * plan its own workloads on its own clusters. Only the {@code default} domain refuses a reading of a
 * zone where no cluster of any domain is registered, so that the refusal is made once.
 *
 * <p>State is kept per entry: buffering an input is one put under its own sequence number, and a round
 * writes back only the clusters, zones and workloads it changed and removes those that ended.
 */
public class PlacementRounds extends KeyedProcessFunction<String, SchedulerInput, Placement> {

    static final String BUFFER_STATE = "buffered-inputs";
    static final String CLUSTERS_STATE = "clusters";
    static final String ZONES_STATE = "zones";
    static final String WORKLOADS_STATE = "workloads";
    static final String LAST_ROUND_STATE = "last-round-millis";

    private final CaspianConfig config;
    private final long intervalMillis;
    private final Domains domains;
    private final DispatchLoop.Settings dispatch;

    /** Where a savepoint taken before buffer numbers were found from the buffer itself kept the next one. */
    static final String SEQUENCE_STATE = "input-sequence";
    static final String POLICIES_STATE = "policies";
    static final String ARRIVALS_STATE = "arrivals";
    /** A policy document whose version is not above the latest taken. */
    public static final String STALE_POLICY_VERSION = "stale_policy_version";
    /** Planners kept for policy versions in force, per domain and version; more than this are rebuilt. */
    private static final int PLANNER_CACHE = 32;

    private transient MapState<Long, SchedulerInput> buffer;
    private transient ValueState<Long> formerSequence;
    private transient MapState<String, Cluster> clusters;
    private transient MapState<String, ZoneState> zones;
    private transient MapState<String, WorkloadState> workloads;
    private transient ValueState<Long> lastRound;
    private transient ValueState<PolicyBook> policies;
    private transient ValueState<ArrivalModel> arrivals;
    /** The planner of caspian.yaml (policy version 0). */
    private transient RoundPlanner basePlanner;
    private transient Map<String, InForce> planners;
    private transient Counter rounds;
    private transient DeadLetterCounters deadLetters;
    private transient Counter lateRecords;
    private transient Counter unawaitedOutcomes;
    private transient Counter outcomeTimeouts;
    private transient RoundMetrics roundMetrics;
    /** The zones' roles for the round under way; null until a reading asks, and again after a cluster changes. */
    private transient ZoneRoles zoneRoles;
    private transient Map<String, Cursor> cursors;

    public PlacementRounds(CaspianConfig config) {
        this.config = config;
        this.intervalMillis = config.scheduler().interval().toMillis();
        this.domains = config.scheduler().domains();
        this.dispatch = DispatchLoop.Settings.of(config);
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>(BUFFER_STATE, Types.LONG,
                TypeInformation.of(SchedulerInput.class)));
        formerSequence = getRuntimeContext().getState(new ValueStateDescriptor<>(SEQUENCE_STATE, Long.class));
        clusters = getRuntimeContext().getMapState(new MapStateDescriptor<>(CLUSTERS_STATE, String.class, Cluster.class));
        zones = getRuntimeContext().getMapState(new MapStateDescriptor<>(ZONES_STATE, String.class, ZoneState.class));
        workloads = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(WORKLOADS_STATE, String.class, WorkloadState.class));
        lastRound = getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_ROUND_STATE, Long.class));
        policies = getRuntimeContext().getState(new ValueStateDescriptor<>(POLICIES_STATE, PolicyBook.class));
        arrivals = getRuntimeContext().getState(new ValueStateDescriptor<>(ARRIVALS_STATE, ArrivalModel.class));
        basePlanner = new RoundPlanner(config, Optimizers.create(config.scheduler()));
        planners = new HashMap<>();
        rounds = getRuntimeContext().getMetricGroup().counter("placementRounds");
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
        unawaitedOutcomes = getRuntimeContext().getMetricGroup().counter("unawaitedDispatchOutcomes");
        outcomeTimeouts = getRuntimeContext().getMetricGroup().counter("dispatchOutcomeTimeouts");
        roundMetrics = new RoundMetrics(getRuntimeContext().getMetricGroup());
        cursors = new HashMap<>();
    }

    /**
     * What buffering an input reads of a domain's state, kept beside it since only this instance changes
     * it: the last round, the next buffer slot, and the round timer last registered. The state stays the
     * truth (a restore starts a new instance, which reads it again and finds the next slot from the buffer).
     */
    private static final class Cursor {
        Long lastRound;
        long nextSequence;
        long timer = Long.MIN_VALUE;
    }

    private Cursor cursor(String domain) throws Exception {
        Cursor cursor = cursors.get(domain);
        if (cursor == null) {
            cursor = new Cursor();
            cursor.lastRound = lastRound.value();
            cursor.nextSequence = nextSequence();
            cursors.put(domain, cursor);
        }
        return cursor;
    }

    /**
     * The number the domain's next buffered input gets: one above the highest in the buffer (numbers only
     * order the inputs buffered together, so they are not stored apart, which was a write per input). A
     * savepoint taken while they were keeps its counter, which is taken into account once and cleared.
     */
    private long nextSequence() throws Exception {
        long next = 0;
        for (Long buffered : buffer.keys()) {
            next = Math.max(next, buffered + 1);
        }
        Long kept = formerSequence.value();
        if (kept != null) {
            next = Math.max(next, kept);
            formerSequence.clear();
        }
        return next;
    }

    /** The round an input at this time belongs to: the first boundary strictly after it. */
    public static long roundFor(long timestampMillis, long intervalMillis) {
        return Math.floorDiv(timestampMillis, intervalMillis) * intervalMillis + intervalMillis;
    }

    @Override
    public void processElement(SchedulerInput input, Context ctx, Collector<Placement> out) throws Exception {
        Cursor cursor = cursor(ctx.getCurrentKey());
        Long done = cursor.lastRound;
        if (done != null && input.timestampMillis() < done && isOwnFeedback(input)) {
            // a dispatch outcome or a cluster's report is news whenever it comes: it is taken at the next round
            // rather than refused as late (its input never holds event time back, see CaspianWorkflow)
            input = new SchedulerInput(done, null, input.workload(), null, null, input.domain());
        }
        if (done != null && input.timestampMillis() < done) {
            lateRecords.inc();
            deadLetter(ctx, input, "late", input.describe() + " at " + java.time.Instant.ofEpochMilli(input.timestampMillis())
                    + " arrived after its scheduling round " + java.time.Instant.ofEpochMilli(done) + " had run");
            return;
        }
        buffer.put(cursor.nextSequence, input);
        cursor.nextSequence++;
        long round = roundFor(input.timestampMillis(), intervalMillis);
        if (round != cursor.timer) {
            ctx.timerService().registerEventTimeTimer(round);
            cursor.timer = round;
        }
    }

    @Override
    public void onTimer(long round, OnTimerContext ctx, Collector<Placement> out) throws Exception {
        Long previous = lastRound.value();
        if (previous != null && round <= previous) {
            return;
        }
        long since = previous == null ? round - intervalMillis : previous;
        long startNanos = System.nanoTime();

        Map<String, Cluster> clusterMap = copy(clusters.entries());
        Map<String, ZoneState> zoneMap = copy(zones.entries());
        Map<String, WorkloadState> workloadMap = copy(workloads.entries());
        // what each workload was before this round, to write back only the entries that change
        Map<String, WorkloadState> before = new HashMap<>();
        workloadMap.forEach((id, w) -> before.put(id, w.copy()));
        Set<String> changedClusters = new HashSet<>();
        String domain = ctx.getCurrentKey();
        PolicyBook book = policies.value();
        long versionBefore = book == null ? 0 : book.latestVersion;
        InForce policy = inForce(domain, book);
        ArrivalModel arrivalModel = arrivals.value() == null ? new ArrivalModel() : arrivals.value();
        List<SchedulerInput> due = drainBefore(round);
        Map<String, Integer> lastReadingOf = lastReadings(due);
        zoneRoles = null;
        for (int i = 0; i < due.size(); i++) {
            SchedulerInput input = due.get(i);
            if (input.policy() != null) {
                if (book == null) {
                    book = new PolicyBook();
                }
                policy = takePolicy(input, round, book, policy, ctx);
            } else {
                boolean inForce = input.carbon() == null || lastReadingOf.get(input.carbon().zone()) == i;
                apply(input, inForce, ctx, policy, book, arrivalModel, clusterMap, zoneMap, workloadMap, changedClusters);
            }
        }
        Map<String, Cluster> own = ownClusters(clusterMap, domain);
        RoundPlanner planner = policy.planner();
        planner.use(WorkloadPolicyBook.of(book, domain, config));

        CarbonLedger ledger = planner.ledger();
        Map<String, Double> meanByZone = new HashMap<>();
        for (ZoneState zone : zoneMap.values()) {
            meanByZone.put(zone.zone, ledger.closeInterval(zone, round));
        }
        RoundTally tally = new RoundTally(round, own);
        int published = 0;
        List<WorkloadState> active = new ArrayList<>();
        for (WorkloadState w : new TreeMap<>(workloadMap).values()) {
            if (DispatchLoop.timedOut(w, round, dispatch)) {
                outcomeTimeouts.inc();
            }
            CarbonLedger.account(w, since, round, clusterMap, meanByZone, planner.energy());
            String ended = endReason(w, round);
            if (ended != null) {
                if (DispatchLoop.endReason(w, dispatch) != null) {
                    ctx.output(OutputTags.AUDIT_EVENTS, planner.failedDecision(w, round, ended));
                }
                Placement terminal = planner.terminal(w, round, ended, own);
                roundMetrics.ended(terminal);
                tally.add(terminal, before.get(w.jobId), since);
                out.collect(terminal);
                published++;
                workloadMap.remove(w.jobId);
            } else {
                active.add(w);
            }
        }

        if (arrivalModel.observed > 0) {
            arrivalModel.advanceTo(Math.floorDiv(round - 1, 3_600_000L)); // hours without a submission count as none
            arrivals.update(arrivalModel);
        }
        long planNanos = System.nanoTime();
        RoundResult result = planner.plan(round, own, zoneMap, active, arrivalModel);
        long emitNanos = System.nanoTime();
        for (Placement placement : result.placements()) {
            tally.add(placement, before.get(placement.jobId()), since);
            WorkloadState w = workloadMap.get(placement.jobId());
            String key = planKey(placement);
            if (!key.equals(w.lastPublishedKey)) {
                w.lastPublishedKey = key;
                out.collect(placement);
                published++;
            }
        }
        for (AuditEvent decision : result.decisions()) {
            ctx.output(OutputTags.AUDIT_EVENTS, decision);
        }
        ctx.output(OutputTags.ROUND_SUMMARIES, tally.summary(domain, result.solver(), result.elapsedMillis(), published,
                policy.version()));
        rounds.inc();
        roundMetrics.afterRound(own.values(), active, result.elapsedMillis());

        long stateNanos = System.nanoTime();
        for (String name : changedClusters) {
            clusters.put(name, clusterMap.get(name));
        }
        zones.putAll(zoneMap); // one small entry per zone, each closed for this interval
        for (String id : before.keySet()) {
            if (!workloadMap.containsKey(id)) {
                workloads.remove(id);
            }
        }
        for (WorkloadState w : workloadMap.values()) {
            WorkloadState was = before.get(w.jobId);
            if (was == null || !w.sameAs(was)) {
                workloads.put(w.jobId, w);
            }
        }
        if (book != null && book.latestVersion != versionBefore) {
            policies.update(book);
        }
        lastRound.update(round);
        cursor(domain).lastRound = round;
        long endNanos = System.nanoTime();
        roundMetrics.stage(RoundMetrics.Stage.INPUTS, (planNanos - startNanos) / 1_000_000);
        roundMetrics.stage(RoundMetrics.Stage.PLAN, (emitNanos - planNanos) / 1_000_000);
        roundMetrics.stage(RoundMetrics.Stage.EMIT, (stateNanos - emitNanos) / 1_000_000);
        roundMetrics.stage(RoundMetrics.Stage.STATE, (endNanos - stateNanos) / 1_000_000);
        if (!active.isEmpty() && (config.scheduler().completeAfterRuntime()
                || ctx.timerService().currentWatermark() < Long.MAX_VALUE)) {
            ctx.timerService().registerEventTimeTimer(round + intervalMillis);
        }
    }

    /** The policy a domain's rounds plan under: its version, the configuration it makes, and its planner. */
    private record InForce(long version, CaspianConfig config, RoundPlanner planner) {}

    private InForce inForce(String domain, PolicyBook book) {
        long version = book == null ? 0 : book.versionFor(domain);
        if (version == 0) {
            return new InForce(0, config, basePlanner);
        }
        String key = domain + '\u0000' + version;
        InForce cached = planners.get(key);
        if (cached == null) {
            if (planners.size() >= PLANNER_CACHE) {
                planners.clear();
            }
            CaspianConfig effective = PolicyKeys.apply(config, book.settingsFor(domain));
            cached = new InForce(version, effective,
                    new RoundPlanner(effective, Optimizers.create(effective.scheduler()), version));
            planners.put(key, cached);
        }
        return cached;
    }

    /**
     * Takes a policy document in event-time order, every domain alike, so that all keep the same book.
     * The domain it is about says so once: {@code default} for a global document (and for every
     * refusal), the named domain for its own.
     *
     * @return the policy this domain plans under from now on
     */
    private InForce takePolicy(SchedulerInput input, long round, PolicyBook book, InForce current, Context ctx) {
        PolicyDocument document = input.policy();
        String domain = input.domain();
        String refusal = book.refusal(document);
        if (refusal != null) {
            if (Domains.DEFAULT.equals(domain)) {
                deadLetter(ctx, input, STALE_POLICY_VERSION, refusal);
            }
            return current;
        }
        PolicyChange change = book.take(document, config, round);
        String announcer = document.domain() != null ? document.domain() : Domains.DEFAULT;
        if (announcer.equals(domain)) {
            ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.policyChange(document.timestampMillis(), change));
        }
        return document.appliesTo(domain) ? inForce(domain, book) : current;
    }

    /**
     * The buffered inputs of this round, removed from the buffer, in the order they apply: by time;
     * within one instant registrations, then readings, then workload records (the three streams
     * arrive in any order), then by what they are about; arrival order only between records about the
     * same thing at the same instant.
     */
    private List<SchedulerInput> drainBefore(long round) throws Exception {
        List<Map.Entry<Long, SchedulerInput>> due = new ArrayList<>();
        for (Map.Entry<Long, SchedulerInput> entry : buffer.entries()) {
            if (entry.getValue().timestampMillis() < round) {
                due.add(Map.entry(entry.getKey(), entry.getValue()));
            }
        }
        due.sort(Comparator.<Map.Entry<Long, SchedulerInput>>comparingLong(e -> e.getValue().timestampMillis())
                .thenComparingInt(e -> applyOrder(e.getValue()))
                .thenComparing(e -> subject(e.getValue()))
                .thenComparingLong(Map.Entry::getKey));
        List<SchedulerInput> inputs = new ArrayList<>(due.size());
        for (Map.Entry<Long, SchedulerInput> entry : due) {
            inputs.add(entry.getValue());
            buffer.remove(entry.getKey());
        }
        return inputs;
    }

    /**
     * What a placement says that its consumers act on: its phase, the cluster it runs on or is held for,
     * whether its gate is open, why it is unplaced or kept where it is. A placement is published when this
     * changes, so the latest record per job is the current plan. A held workload's planned start is not
     * part of it: slots are anchored at each round, so the start of the same plan shifts by a round's
     * length from one round to the next; like its {@code scheduling_decision}, a hold is published when
     * it begins or moves to another cluster. Forecasts and running totals that move every round are in
     * the round's summary instead.
     */
    static String planKey(Placement p) {
        StringBuilder key = new StringBuilder(p.phase().name()).append('|').append(p.targetCluster()).append('|')
                .append(p.gateOpen());
        if (p.phase() == WorkloadPhase.PENDING && p.targetCluster() == null) {
            key.append('|').append(p.gateReason());
        } else if (p.phase() == WorkloadPhase.RUNNING && RoundPlanner.KEPT_IN_PLACE.equals(p.solver())) {
            key.append('|').append(p.gateReason());
        }
        return key.toString();
    }

    /** The dispatcher's outcomes and the clusters' Job status: the job's own feedback, never from an input topic. */
    private static boolean isOwnFeedback(SchedulerInput input) {
        return input.workload() != null && input.workload().dispatch() != null;
    }

    /** The cluster, policy scope, zone or job an input is about. */
    static String subject(SchedulerInput input) {
        return input.cluster() != null ? input.cluster().name() : input.policy() != null ? input.policy().scope()
                : input.carbon() != null ? input.carbon().zone() : input.workload().jobId();
    }

    /** Within one instant: clusters, then policies, then carbon readings, then workload records. */
    static int applyOrder(SchedulerInput input) {
        return input.cluster() != null ? 0 : input.policy() != null ? 1 : input.carbon() != null ? 2 : 3;
    }

    private static <V> Map<String, V> copy(Iterable<Map.Entry<String, V>> entries) {
        Map<String, V> map = new HashMap<>();
        for (Map.Entry<String, V> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }

    /** The index in {@code inputs} of each zone's last reading: the one whose forecast the round plans with. */
    private static Map<String, Integer> lastReadings(List<SchedulerInput> inputs) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).carbon() != null) {
                last.put(inputs.get(i).carbon().zone(), i);
            }
        }
        return last;
    }

    /**
     * @param inForce false for a reading that a later reading of its zone in this round replaces before the
     *     round plans ({@link CarbonLedger#learnAndApply(ZoneState, io.caspian.events.CarbonReading,
     *     java.util.function.Consumer, boolean)})
     */
    private void apply(SchedulerInput input, boolean inForce, Context ctx, InForce policy, PolicyBook book,
            ArrivalModel arrivalModel, Map<String, Cluster> clusterMap,
            Map<String, ZoneState> zoneMap, Map<String, WorkloadState> workloadMap, Set<String> changedClusters) {
        if (input.carbon() != null) {
            String zone = input.carbon().zone();
            String domain = input.domain();
            if (zoneRoles == null) {
                zoneRoles = ZoneRoles.of(clusterMap, domains, domain);
            }
            ZoneRoles.Role role = zoneRoles.of(zone);
            if (!zoneMap.containsKey(zone) && role != null && !role.own()) {
                return; // a zone of another domain's clusters: that domain tracks it
            }
            if (!zoneMap.containsKey(zone) && role == null) {
                if (!Domains.DEFAULT.equals(domain)) {
                    return; // refused once, by the default domain
                }
                // a zone is known through a cluster's geolocation; anything else is a typo or a feed for
                // another fleet, and is said so rather than tracked silently
                deadLetter(ctx, input, "unknown_zone", "zone " + zone + " is the geolocation of no registered cluster (known zones: "
                        + knownZones(clusterMap) + ")");
                return;
            }
            zoneMap.put(zone, policy.planner().ledger().learnAndApply(zoneMap.get(zone), input.carbon(),
                    role != null && role.reportsForecasts() ? score -> ctx.output(OutputTags.FORECAST_ERRORS,
                            new ForecastError(zone, ForecastSkill.SOURCES.get(score.source()), score.leadHours(),
                                    score.hourStartMillis(), score.forecast(), score.actual())) : null, inForce));
        } else if (input.cluster() != null) {
            clusterMap.put(input.cluster().name(), input.cluster().withOrigin(null)); // state keeps the facts, not the bytes
            changedClusters.add(input.cluster().name());
            zoneRoles = null; // the zones' clusters may have changed
        } else {
            applyWorkload(input, ctx, policy.config(), book, arrivalModel, clusterMap, workloadMap);
        }
    }

    private void applyWorkload(SchedulerInput input, Context ctx, CaspianConfig policyConfig, PolicyBook book,
            ArrivalModel arrivalModel, Map<String, Cluster> clusterMap, Map<String, WorkloadState> workloadMap) {
        WorkloadEvent event = input.workload();
        WorkloadState existing = workloadMap.get(event.jobId());
        switch (event.action()) {
            case SUBMITTED -> {
                if (existing != null) {
                    deadLetter(ctx, input, "duplicate_submission",
                            "job_id " + event.jobId() + " is already " + existing.phase.name().toLowerCase());
                    return;
                }
                WorkloadSpec spec = event.spec();
                for (String cluster : spec.affinityClusters()) {
                    if (!clusterMap.containsKey(cluster)) {
                        deadLetter(ctx, input, "unknown_cluster", "affinity_clusters names " + cluster
                                + ", which is not a registered cluster (known: " + new TreeMap<>(clusterMap).keySet() + ")");
                        return;
                    }
                }
                if (spec.homeCluster() != null && !clusterMap.containsKey(spec.homeCluster())) {
                    deadLetter(ctx, input, "unknown_cluster",
                            "home_cluster " + spec.homeCluster() + " is not a registered cluster");
                    return;
                }
                // a tenant's or label's own baseline home, when its policy sets one
                CaspianConfig own = WorkloadPolicyBook.of(book, input.domain(), config) instanceof WorkloadPolicyBook workloads
                        ? workloads.configFor(spec) : null;
                arrivalModel.observe(event.timestampMillis(), spec);
                workloadMap.put(event.jobId(),
                        WorkloadState.submitted(event.jobId(), spec, event.timestampMillis(),
                                homeCluster(spec, ownClusters(clusterMap, input.domain()), own != null ? own : policyConfig)));
            }
            case CANCELLED, COMPLETED, FAILED -> {
                if (existing == null) {
                    deadLetter(ctx, input, "unknown_job", "no active workload with job_id " + event.jobId());
                    return;
                }
                if (!DispatchLoop.reportsFor(existing, event.cluster())) {
                    // after a migration the source's Job is deleted; its last status must not end the moved run
                    deadLetter(ctx, input, "stale_report", event.action().name().toLowerCase() + " reported by "
                            + event.cluster() + ", but workload " + event.jobId() + " runs on " + existing.cluster);
                    return;
                }
                DispatchLoop.ended(existing, event.cluster());
                existing.endedMillis = event.timestampMillis();
                existing.phase = switch (event.action()) {
                    case CANCELLED -> WorkloadPhase.CANCELLED;
                    case COMPLETED -> WorkloadPhase.COMPLETED;
                    default -> WorkloadPhase.FAILED;
                };
            }
            case RUNNING -> {
                if (existing == null) {
                    deadLetter(ctx, input, "unknown_job", "no active workload with job_id " + event.jobId());
                } else {
                    DispatchLoop.running(existing, event);
                }
            }
            case DISPATCHED, DISPATCH_FAILED -> {
                // an outcome about a workload that has ended, or about a dispatch a later plan overtook, changes nothing
                if (existing == null || DispatchLoop.take(existing, event, dispatch) != null) {
                    unawaitedOutcomes.inc();
                }
            }
        }
    }

    private Map<String, Cluster> ownClusters(Map<String, Cluster> clusterMap, String domain) {
        Map<String, Cluster> own = new HashMap<>();
        clusterMap.forEach((name, cluster) -> {
            if (domains.of(name).equals(domain)) {
                own.put(name, cluster);
            }
        });
        return own;
    }

    private static List<String> knownZones(Map<String, Cluster> clusterMap) {
        return clusterMap.values().stream().map(Cluster::geolocation).distinct().sorted().toList();
    }

    /** The baseline's cluster: home_cluster, first affinity cluster, configured home, first by name. */
    private static String homeCluster(WorkloadSpec spec, Map<String, Cluster> clusterMap, CaspianConfig policyConfig) {
        if (spec.homeCluster() != null) {
            return spec.homeCluster();
        }
        if (!spec.affinityClusters().isEmpty()) {
            return spec.affinityClusters().get(0);
        }
        String configured = policyConfig.baselineHomeCluster();
        if (configured != null && clusterMap.containsKey(configured)) {
            return configured;
        }
        return clusterMap.isEmpty() ? null : new TreeMap<>(clusterMap).firstKey();
    }

    /** Why the workload leaves the plan at this round, or null when it stays. */
    private String endReason(WorkloadState w, long round) {
        if (w.endedMillis != null) {
            String dispatchFailed = DispatchLoop.endReason(w, dispatch);
            return dispatchFailed != null ? dispatchFailed : "reported " + w.phase.name().toLowerCase();
        }
        Long expectedEnd = w.expectedEndMillis();
        if (config.scheduler().completeAfterRuntime() && w.phase == WorkloadPhase.RUNNING && expectedEnd != null
                && expectedEnd <= round) {
            w.phase = WorkloadPhase.COMPLETED;
            w.endedMillis = expectedEnd;
            return "runtime elapsed";
        }
        if (w.phase == WorkloadPhase.PENDING && round >= w.deadlineMillis) {
            w.phase = WorkloadPhase.EXPIRED;
            w.endedMillis = round;
            return "deadline passed before any cluster could take it";
        }
        return null;
    }

    /** Carries the record as received when it came from a topic; one the job made itself is written out. */
    private void deadLetter(Context ctx, SchedulerInput input, String reason, String detail) {
        deadLetters.count(reason);
        Origin origin = input.origin();
        if (origin != null) {
            ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.of(origin, input.timestampMillis(), DeadLetter.ROUNDS, reason, detail));
            return;
        }
        String topic;
        String payload;
        if (input.carbon() != null) {
            topic = config.topics().carbonIntensity();
            payload = CarbonReadingJson.write(input.carbon());
        } else if (input.cluster() != null) {
            topic = config.topics().clusters();
            payload = ClusterJson.write(input.cluster());
        } else if (input.policy() != null) {
            topic = config.topics().policies();
            payload = PolicyDocumentJson.write(input.policy());
        } else {
            topic = config.topics().workloads();
            payload = WorkloadEventJson.write(input.workload());
        }
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.generated(topic, input.timestampMillis(), payload, DeadLetter.ROUNDS, reason,
                detail));
    }

}
