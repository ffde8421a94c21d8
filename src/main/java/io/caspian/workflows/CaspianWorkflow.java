package io.caspian.workflows;

import io.caspian.config.CaspianConfig;
import io.caspian.dispatch.ClusterClients;
import io.caspian.events.Alert;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.Placement;
import io.caspian.events.PolicyDocument;
import io.caspian.events.RawRecord;
import io.caspian.events.RoundSummary;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.json.AuditEventInJson;
import io.caspian.events.json.DispatchOutcomeJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.formats.CarbonFormat;
import io.caspian.formats.CarbonFormats;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.functions.CarbonZoneTracker;
import io.caspian.functions.FitOutput;
import io.caspian.sinks.DeadLetterPayloads;
import io.caspian.functions.ClusterTracker;
import io.caspian.functions.MigrationDetector;
import io.caspian.functions.OutputTags;
import io.caspian.functions.ParseRecords;
import io.caspian.functions.PlacementRounds;
import io.caspian.policy.PolicyDocumentJson;
import io.caspian.functions.ToEveryDomain;
import io.caspian.functions.WorkloadDomains;
import io.caspian.optimizer.MigrationCostModel;
import io.caspian.scheduling.DomainSpread;
import io.caspian.scheduling.Domains;
import io.caspian.validation.EventClock;
import io.caspian.validation.InputLimits;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's graph, independent of where records come from and go to: the embedded demo, the Kafka
 * job, the back-test and the tests all call {@link #build} with their own sources and attach their
 * own sinks to the {@link Outputs}.
 *
 * <pre>
 * carbon    ─ parse ─ keyBy zone ─ CarbonZoneTracker ─┐
 * workloads ─ parse ─ keyBy job ─ WorkloadDomains ────┼─ keyBy domain ─ PlacementRounds ─ keyBy job ─ MigrationDetector ─> placements (on change)
 * clusters  ─ parse ──────────────────────────────────┘   (decisions, round summaries)        (relocations)  ─> audit events
 * clusters pass ClusterTracker (keyBy name, cluster_reconfiguration) on their way to the rounds
 * policies ─ parse ─ to every domain ─> the rounds (policy_change; decisions name the version in force)
 * events-in ─ parse ─────────────────────────────────────────> audit events
 * audit: inefficiencies, analytics and alerts ─ see {@link AuditAnalytics}
 * placements ─ Kubernetes dispatch (kubernetes.enabled, see {@link KubernetesDispatch}) ─> outcomes ─> topics.dispatch-outcomes
 *   ─> read back with the workloads into the rounds; moves' measured follow-ups ─> audit events (sinks only)
 * every refusal ─> dead letters
 * </pre>
 */
public final class CaspianWorkflow {

    /** The scheduling domain of every cluster that {@code scheduler.domains} does not list. */
    public static final String DOMAIN = Domains.DEFAULT;

    /**
     * Raw input streams; {@code alertRules} is keyed (compacted topic: a tombstone names its rule by key).
     *
     * @param clock what event time may not run ahead of: the wall clock for live inputs, a bounded
     *     run's known end otherwise
     * @param dispatchOutcomes the Kubernetes dispatcher's outcomes as written to {@code topics.dispatch-outcomes}
     *     ({@link Outputs#dispatchOutcomes}), read back into the placement rounds; null when there is no such
     *     topic (a bounded run: the rounds then never hear whether a dispatch succeeded)
     * @param emptyAtStart the optional inputs whose topics had nothing to read when the job started
     */
    public record Sources(DataStream<RawRecord> carbon, DataStream<RawRecord> workloads, DataStream<RawRecord> clusters,
            DataStream<RawRecord> eventsIn, DataStream<KeyedRawRecord> alertRules, DataStream<RawRecord> policies,
            EventClock clock, DataStream<RawRecord> dispatchOutcomes, Set<String> emptyAtStart) {

        /** The optional inputs, by the name {@link #emptyAtStart} gives them. */
        public static final String POLICIES = "policies";
        public static final String EVENTS_IN = "events-in";

        public Sources(DataStream<RawRecord> carbon, DataStream<RawRecord> workloads, DataStream<RawRecord> clusters,
                DataStream<RawRecord> eventsIn, DataStream<KeyedRawRecord> alertRules, DataStream<RawRecord> policies,
                EventClock clock, DataStream<RawRecord> dispatchOutcomes) {
            this(carbon, workloads, clusters, eventsIn, alertRules, policies, clock, dispatchOutcomes, Set.of());
        }

        public Sources(DataStream<RawRecord> carbon, DataStream<RawRecord> workloads, DataStream<RawRecord> clusters,
                DataStream<RawRecord> eventsIn, DataStream<KeyedRawRecord> alertRules, DataStream<RawRecord> policies,
                EventClock clock) {
            this(carbon, workloads, clusters, eventsIn, alertRules, policies, clock, null);
        }

        /** Live inputs, checked against the wall clock, with no policy input (caspian.yaml stays in force). */
        public Sources(DataStream<RawRecord> carbon, DataStream<RawRecord> workloads, DataStream<RawRecord> clusters,
                DataStream<RawRecord> eventsIn, DataStream<KeyedRawRecord> alertRules) {
            this(carbon, workloads, clusters, eventsIn, alertRules, null, EventClock.wall());
        }

        public Sources withClock(EventClock other) {
            return new Sources(carbon, workloads, clusters, eventsIn, alertRules, policies, other, dispatchOutcomes, emptyAtStart);
        }

        /** The same inputs with policy documents ({@code topics.policies}); null: none. */
        public Sources withPolicies(DataStream<RawRecord> documents) {
            return new Sources(carbon, workloads, clusters, eventsIn, alertRules, documents, clock, dispatchOutcomes, emptyAtStart);
        }

        /** The same inputs with the dispatcher's outcomes read back ({@code topics.dispatch-outcomes}); null: none. */
        public Sources withDispatchOutcomes(DataStream<RawRecord> outcomes) {
            return new Sources(carbon, workloads, clusters, eventsIn, alertRules, policies, clock, outcomes, emptyAtStart);
        }

        /**
         * The same inputs, knowing which optional inputs ({@link #POLICIES}, {@link #EVENTS_IN}) had nothing
         * to read when the job started: those hold event time back for no one until their first record.
         */
        public Sources withEmptyAtStart(Set<String> inputs) {
            return new Sources(carbon, workloads, clusters, eventsIn, alertRules, policies, clock, dispatchOutcomes, Set.copyOf(inputs));
        }

        /** A data input's waits (clusters, carbon, workloads): each holds event time until its first record. */
        InputIdleness idleness(CaspianConfig config) {
            return new InputIdleness(config.watermarks().idleness(), config.watermarks().idlenessAfterData());
        }

        /** An optional input's waits: none before its first record when its topic had nothing to read at the start. */
        InputIdleness idleness(CaspianConfig config, String optionalInput) {
            return emptyAtStart.contains(optionalInput) ? idleness(config).withoutWaitForData() : idleness(config);
        }
    }

    /**
     * What the job produces.
     *
     * @param dispatchOutcomes the Kubernetes dispatcher's outcomes, for {@code topics.dispatch-outcomes}; null
     *     with dispatch off
     */
    public record Outputs(DataStream<Placement> placements, DataStream<AuditEvent> auditEvents, DataStream<DeadLetter> deadLetters,
            DataStream<AnalyticsRecord> analytics, DataStream<Alert> alerts, DataStream<RoundSummary> roundSummaries,
            DataStream<WorkloadEvent> dispatchOutcomes) {}

    private static final Logger LOG = LoggerFactory.getLogger(CaspianWorkflow.class);

    private CaspianWorkflow() {}

    public static Outputs build(CaspianConfig config, Sources sources) {
        return build(config, sources, ClusterClients.kubeconfig(config.kubernetes().requestTimeout()));
    }

    /** @param kubernetes how the dispatcher reaches the clusters, when {@code kubernetes.enabled} */
    public static Outputs build(CaspianConfig config, Sources sources, ClusterClients kubernetes) {
        if (config.kubernetes().enabled() && config.kubernetes().awaitOutcomes() && sources.dispatchOutcomes() == null) {
            LOG.warn("kubernetes.enabled without topics.dispatch-outcomes read back (a bounded run): the placement rounds"
                    + " do not hear whether a dispatch succeeded, and plan as if every one did");
            config = config.withKubernetes(config.kubernetes().withoutAwaitingOutcomes());
        }
        CaspianConfig.Topics topics = config.topics();

        InputLimits limits = new InputLimits(config.limits(), sources.clock());
        CarbonFormat carbonFormat = CarbonFormats.named(config.carbon().format());
        SingleOutputStreamOperator<CarbonReading> carbon = sources.carbon()
                .process(ParseRecords.many(carbonFormat::parse, limits, InputLimits::check, CarbonReading::withOrigin),
                        TypeInformation.of(CarbonReading.class))
                .name("parse carbon (" + carbonFormat.name() + ")").uid("parse-carbon");
        SingleOutputStreamOperator<WorkloadEvent> workloads = parse(sources.workloads(),
                ParseRecords.one(WorkloadEventJson::parse, limits, InputLimits::check, WorkloadEvent::withOrigin),
                WorkloadEvent.class, "workloads");
        SingleOutputStreamOperator<Cluster> clusters = parse(sources.clusters(),
                ParseRecords.one(ClusterJson::parse, limits, InputLimits::check, Cluster::withOrigin), Cluster.class, "clusters");

        DataStream<CarbonReading> carbonWithTime = carbon.assignTimestampsAndWatermarks(
                        watermarks(config, sources.idleness(config), CarbonReading::timestampMillis))
                .name("carbon event time").uid("carbon-watermarks");
        DataStream<WorkloadEvent> workloadsWithTime = workloads.assignTimestampsAndWatermarks(
                        watermarks(config, sources.idleness(config), WorkloadEvent::timestampMillis))
                .name("workload event time").uid("workload-watermarks");
        SingleOutputStreamOperator<Cluster> clustersWithTime = clusters.assignTimestampsAndWatermarks(
                        watermarks(config, sources.idleness(config), Cluster::timestampMillis))
                .name("cluster event time").uid("cluster-watermarks")
                .keyBy(Cluster::name).process(new ClusterTracker())
                .name("cluster tracker").uid("cluster-tracker");
        SingleOutputStreamOperator<AuditEvent> eventsIn = parse(sources.eventsIn(),
                ParseRecords.one(AuditEventInJson::parse, limits, InputLimits::check, (event, origin) -> event), AuditEvent.class,
                "events-in");

        DataStream<WorkloadEvent> workloadInputs = workloadsWithTime;
        SingleOutputStreamOperator<WorkloadEvent> readOutcomes = null;
        if (config.kubernetes().enabled()) {
            // a poll that hangs on a cluster's API must not stop the rounds: the reports never hold event time back
            workloadInputs = workloadsWithTime.union(KubernetesDispatch.jobStatus(config.kubernetes(), clustersWithTime, kubernetes)
                    .assignTimestampsAndWatermarks(neverHoldingBack())
                    .name("job status event time").uid("job-status-watermarks"));
            if (sources.dispatchOutcomes() != null) {
                readOutcomes = parse(sources.dispatchOutcomes(),
                        ParseRecords.one(DispatchOutcomeJson::parse, limits, InputLimits::check, WorkloadEvent::withOrigin),
                        WorkloadEvent.class, "dispatch-outcomes");
                workloadInputs = workloadInputs.union(readOutcomes
                        .assignTimestampsAndWatermarks(neverHoldingBack())
                        .name("dispatch outcome event time").uid("dispatch-outcome-watermarks"));
            }
        }

        SingleOutputStreamOperator<CarbonReading> trackedCarbon = carbonWithTime
                .keyBy(CarbonReading::zone)
                .connect(clustersWithTime.keyBy(Cluster::geolocation))
                .process(new CarbonZoneTracker(config.carbon().signal(), config.carbon().maxAge().toMillis(),
                        topics.carbonIntensity()))
                .name("carbon zone tracker").uid("carbon-zone-tracker");

        Domains domains = config.scheduler().domains();
        SingleOutputStreamOperator<SchedulerInput> routedWorkloads = workloadInputs
                .keyBy(WorkloadEvent::jobId)
                .process(new WorkloadDomains(domains, topics.workloads()), TypeInformation.of(SchedulerInput.class))
                .name("workloads to their domain").uid("workload-domains");
        DataStream<SchedulerInput> inputs = trackedCarbon
                .flatMap(new ToEveryDomain<CarbonReading>(domains.all(), SchedulerInput::of), TypeInformation.of(SchedulerInput.class))
                .name("carbon to every domain").uid("carbon-input")
                .union(routedWorkloads, clustersWithTime
                        .flatMap(new ToEveryDomain<Cluster>(domains.all(), SchedulerInput::of), TypeInformation.of(SchedulerInput.class))
                        .name("clusters to every domain").uid("cluster-input"));
        SingleOutputStreamOperator<PolicyDocument> policies = null;
        if (sources.policies() != null) {
            policies = parse(sources.policies(), ParseRecords.one(PolicyDocumentJson.parser(config), limits,
                    (checked, document) -> checked.eventTime("timestamp", document.timestampMillis()), PolicyDocument::withOrigin),
                    PolicyDocument.class, "policies");
            inputs = inputs.union(policies.assignTimestampsAndWatermarks(
                            watermarks(config, sources.idleness(config, Sources.POLICIES), PolicyDocument::timestampMillis))
                    .name("policy event time").uid("policy-watermarks")
                    .flatMap(new ToEveryDomain<PolicyDocument>(domains.all(), SchedulerInput::of), TypeInformation.of(SchedulerInput.class))
                    .name("policies to every domain").uid("policy-input"));
        }

        warnIfDomainsShareSubtasks(domains, inputs.getExecutionEnvironment());
        SingleOutputStreamOperator<Placement> planned = inputs
                .keyBy(SchedulerInput::domain)
                .process(new PlacementRounds(config))
                .name("placement rounds").uid("placement-rounds");

        MigrationCostModel costModel = MigrationCostModel.of(config.migration());
        SingleOutputStreamOperator<Placement> placements = planned
                .keyBy(Placement::jobId)
                .process(new MigrationDetector(costModel))
                .name("migration detector").uid("migration-detector");

        DataStream<AuditEvent> auditEvents = planned.getSideOutput(OutputTags.AUDIT_EVENTS)
                .union(placements.getSideOutput(OutputTags.AUDIT_EVENTS), trackedCarbon.getSideOutput(OutputTags.AUDIT_EVENTS),
                        clustersWithTime.getSideOutput(OutputTags.AUDIT_EVENTS),
                        AuditAnalytics.inefficiencies(config, clustersWithTime, trackedCarbon),
                        eventsIn.assignTimestampsAndWatermarks(
                                        watermarks(config, sources.idleness(config, Sources.EVENTS_IN), AuditEvent::timestampMillis))
                                .name("events-in event time").uid("events-in-watermarks"));
        DataStream<RoundSummary> summaries = planned.getSideOutput(OutputTags.ROUND_SUMMARIES);
        AuditAnalytics.Analytics analytics = AuditAnalytics.analytics(config, auditEvents, placements, summaries,
                planned.getSideOutput(OutputTags.FORECAST_ERRORS));
        SingleOutputStreamOperator<AlertRuleUpdate> rules = AuditAnalytics.alertRules(config, sources.alertRules());
        DataStream<Alert> alerts = AuditAnalytics.alerts(analytics.records(), rules);
        DataStream<DeadLetter> deadLetters = carbon.getSideOutput(OutputTags.DEAD_LETTERS)
                .union(workloads.getSideOutput(OutputTags.DEAD_LETTERS), clusters.getSideOutput(OutputTags.DEAD_LETTERS),
                        trackedCarbon.getSideOutput(OutputTags.DEAD_LETTERS), planned.getSideOutput(OutputTags.DEAD_LETTERS),
                        eventsIn.getSideOutput(OutputTags.DEAD_LETTERS), rules.getSideOutput(OutputTags.DEAD_LETTERS), analytics.lateDecisions(),
                        routedWorkloads.getSideOutput(OutputTags.DEAD_LETTERS));
        if (policies != null) {
            deadLetters = deadLetters.union(policies.getSideOutput(OutputTags.DEAD_LETTERS));
        }
        DataStream<AuditEvent> auditToSinks = auditEvents;
        DataStream<WorkloadEvent> dispatchOutcomes = null;
        if (config.kubernetes().enabled()) {
            KubernetesDispatch.Reports dispatched = KubernetesDispatch.dispatch(config, placements, clustersWithTime, policies,
                    kubernetes);
            deadLetters = deadLetters.union(dispatched.deadLetters());
            // the moves' measured follow-ups go to the sinks only: the analytics' windows must not wait on a cluster's API
            auditToSinks = auditEvents.union(dispatched.moves());
            dispatchOutcomes = dispatched.outcomes();
            if (readOutcomes != null) {
                deadLetters = deadLetters.union(readOutcomes.getSideOutput(OutputTags.DEAD_LETTERS));
            }
        }

        long maxOutput = config.limits().outputRecordBytes();
        SingleOutputStreamOperator<Placement> placementsOut = placements
                .process(new FitOutput<>("placements", PlacementJson::write, Placement::roundMillis, maxOutput))
                .name("fit placements to the sinks").uid("fit-placements");
        SingleOutputStreamOperator<AuditEvent> auditOut = auditToSinks
                .process(new FitOutput<>("audit-events", AuditEventJson::write, AuditEvent::timestampMillis, maxOutput))
                .name("fit audit events to the sinks").uid("fit-audit-events");
        SingleOutputStreamOperator<AnalyticsRecord> analyticsOut = analytics.records()
                .process(new FitOutput<>("analytics", AnalyticsRecordJson::write, AnalyticsRecord::windowEndMillis, maxOutput))
                .name("fit analytics to the sinks").uid("fit-analytics");
        SingleOutputStreamOperator<Alert> alertsOut = alerts
                .process(new FitOutput<>("alerts", AlertJson::write, Alert::timestampMillis, maxOutput))
                .name("fit alerts to the sinks").uid("fit-alerts");
        SingleOutputStreamOperator<RoundSummary> summariesOut = summaries
                .process(new FitOutput<>("round-summaries", RoundSummaryJson::write, RoundSummary::roundMillis, maxOutput))
                .name("fit round summaries to the sinks").uid("fit-round-summaries");
        DataStream<DeadLetter> boundedDeadLetters = deadLetters
                .union(placementsOut.getSideOutput(OutputTags.DEAD_LETTERS), auditOut.getSideOutput(OutputTags.DEAD_LETTERS),
                        analyticsOut.getSideOutput(OutputTags.DEAD_LETTERS), alertsOut.getSideOutput(OutputTags.DEAD_LETTERS),
                        summariesOut.getSideOutput(OutputTags.DEAD_LETTERS))
                .map(DeadLetterPayloads::bounded).name("bound dead-letter payloads").uid("bound-dead-letters");
        return new Outputs(placementsOut, auditOut, boundedDeadLetters, analyticsOut, alertsOut, summariesOut, dispatchOutcomes);
    }

    private static void warnIfDomainsShareSubtasks(Domains domains, StreamExecutionEnvironment env) {
        int parallelism = env.getParallelism();
        int maxParallelism = env.getMaxParallelism() > 0 ? env.getMaxParallelism()
                : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
        String warning = DomainSpread.warning(domains.all(), parallelism, maxParallelism);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    private static <T> SingleOutputStreamOperator<T> parse(DataStream<RawRecord> raw, ParseRecords<T> parser, Class<T> type,
            String name) {
        return raw.process(parser, TypeInformation.of(type)).name("parse " + name).uid("parse-" + name);
    }

    private static <T> WatermarkStrategy<T> watermarks(CaspianConfig config, InputIdleness idleness, EventTime<T> time) {
        Duration maxOutOfOrderness = config.watermarks().maxOutOfOrderness();
        return WatermarkStrategy.<T>forGenerator(context -> idleness.generator(maxOutOfOrderness, context.getInputActivityClock()))
                .withTimestampAssigner((event, previous) -> time.millis(event));
    }

    /**
     * The time of the job's own feedback (dispatch outcomes, the clusters' Job status), with an input that never
     * holds event time back: an outcome comes now and then, and as an active input of its own it would stop
     * the rounds at its last outcome's time until it counted as idle; a status poll hanging on a cluster's
     * API would stop them for as long. The rounds need no watermark from it, since they take such a record
     * at their next round whenever it arrives ({@link PlacementRounds}).
     */
    private static WatermarkStrategy<WorkloadEvent> neverHoldingBack() {
        return WatermarkStrategy.<WorkloadEvent>forGenerator(context -> new AlwaysIdle<>())
                .withTimestampAssigner((event, previous) -> event.timestampMillis());
    }

    /** A watermark generator that emits no watermark and says its input is idle. */
    private static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /** Reads an event's time. */
    @FunctionalInterface
    private interface EventTime<T> extends java.io.Serializable {
        long millis(T event);
    }
}
