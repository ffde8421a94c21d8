package io.caspian.workflows;

import io.caspian.config.CaspianConfig;
import io.caspian.dispatch.ClusterClients;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RawRecord;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.ClusterJson;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.functions.CarbonZoneTracker;
import io.caspian.functions.MigrationDetector;
import io.caspian.functions.OutputTags;
import io.caspian.functions.ParseRecords;
import io.caspian.functions.PlacementRounds;
import io.caspian.functions.RecordParser;
import io.caspian.optimizer.MigrationCostModel;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job's graph, independent of where records come from and go to: the embedded demo, the Kafka
 * job, the back-test and the tests all call {@link #build} with their own sources and attach their
 * own sinks to the {@link Outputs}.
 *
 * <pre>
 * carbon    ─ parse ─ keyBy zone ─ CarbonZoneTracker ─┐
 * workloads ─ parse ──────────────────────────────────┼─ keyBy domain ─ PlacementRounds ─ keyBy job ─ MigrationDetector ─> placements
 * clusters  ─ parse ──────────────────────────────────┘        (decisions)                     (relocations)  ─> audit events
 * every refusal ─> dead letters
 * </pre>
 */
public final class CaspianWorkflow {

    /** The one scheduling domain: every cluster and workload is planned together. */
    public static final String DOMAIN = "default";

    /** Raw input streams. */
    public record Sources(DataStream<RawRecord> carbon, DataStream<RawRecord> workloads, DataStream<RawRecord> clusters) {}

    /** What the job produces. */
    public record Outputs(DataStream<Placement> placements, DataStream<AuditEvent> auditEvents, DataStream<DeadLetter> deadLetters) {}

    private CaspianWorkflow() {}

    public static Outputs build(CaspianConfig config, Sources sources) {
        return build(config, sources, ClusterClients.kubeconfig(config.kubernetes().requestTimeout()));
    }

    /** @param kubernetes how the dispatcher reaches the clusters, when {@code kubernetes.enabled} */
    public static Outputs build(CaspianConfig config, Sources sources, ClusterClients kubernetes) {
        CaspianConfig.Topics topics = config.topics();

        SingleOutputStreamOperator<CarbonReading> carbon = parse(sources.carbon(), CarbonReadingJson::parse,
                CarbonReading.class, "carbon");
        SingleOutputStreamOperator<WorkloadEvent> workloads = parse(sources.workloads(), WorkloadEventJson::parse,
                WorkloadEvent.class, "workloads");
        SingleOutputStreamOperator<Cluster> clusters = parse(sources.clusters(), ClusterJson::parse, Cluster.class,
                "clusters");

        DataStream<CarbonReading> carbonWithTime = carbon.assignTimestampsAndWatermarks(
                        watermarks(config, CarbonReading::timestampMillis))
                .name("carbon event time").uid("carbon-watermarks");
        DataStream<WorkloadEvent> workloadsWithTime = workloads.assignTimestampsAndWatermarks(
                        watermarks(config, WorkloadEvent::timestampMillis))
                .name("workload event time").uid("workload-watermarks");
        DataStream<Cluster> clustersWithTime = clusters.assignTimestampsAndWatermarks(
                        watermarks(config, Cluster::timestampMillis))
                .name("cluster event time").uid("cluster-watermarks");

        DataStream<WorkloadEvent> workloadInputs = workloadsWithTime;
        if (config.kubernetes().enabled()) {
            workloadInputs = workloadsWithTime.union(KubernetesDispatch.jobStatus(config.kubernetes(), clustersWithTime, kubernetes)
                    .assignTimestampsAndWatermarks(watermarks(config, WorkloadEvent::timestampMillis))
                    .name("job status event time").uid("job-status-watermarks"));
        }

        SingleOutputStreamOperator<CarbonReading> trackedCarbon = carbonWithTime
                .keyBy(CarbonReading::zone)
                .process(new CarbonZoneTracker(config.carbon().signal(), config.carbon().maxAge().toMillis(),
                        topics.carbonIntensity()))
                .name("carbon zone tracker").uid("carbon-zone-tracker");

        DataStream<SchedulerInput> inputs = trackedCarbon.map(SchedulerInput::of).name("carbon to scheduler").uid("carbon-input")
                .union(workloadInputs.map(SchedulerInput::of).name("workloads to scheduler").uid("workload-input"),
                        clustersWithTime.map(SchedulerInput::of).name("clusters to scheduler").uid("cluster-input"));

        SingleOutputStreamOperator<Placement> planned = inputs
                .keyBy(input -> DOMAIN)
                .process(new PlacementRounds(config))
                .name("placement rounds").uid("placement-rounds");

        MigrationCostModel costModel = MigrationCostModel.of(config.migration());
        SingleOutputStreamOperator<Placement> placements = planned
                .keyBy(Placement::jobId)
                .process(new MigrationDetector(costModel))
                .name("migration detector").uid("migration-detector");

        DataStream<AuditEvent> auditEvents = planned.getSideOutput(OutputTags.AUDIT_EVENTS)
                .union(placements.getSideOutput(OutputTags.AUDIT_EVENTS), trackedCarbon.getSideOutput(OutputTags.AUDIT_EVENTS));
        DataStream<DeadLetter> deadLetters = carbon.getSideOutput(OutputTags.DEAD_LETTERS)
                .union(workloads.getSideOutput(OutputTags.DEAD_LETTERS), clusters.getSideOutput(OutputTags.DEAD_LETTERS),
                        trackedCarbon.getSideOutput(OutputTags.DEAD_LETTERS), planned.getSideOutput(OutputTags.DEAD_LETTERS));
        if (config.kubernetes().enabled()) {
            deadLetters = deadLetters.union(KubernetesDispatch.dispatch(config.kubernetes(), placements, clustersWithTime, kubernetes));
        }
        return new Outputs(placements, auditEvents, deadLetters);
    }

    private static <T> SingleOutputStreamOperator<T> parse(DataStream<RawRecord> raw, RecordParser<T> parser, Class<T> type,
            String name) {
        return raw.process(new ParseRecords<>(parser), TypeInformation.of(type)).name("parse " + name).uid("parse-" + name);
    }

    private static <T> WatermarkStrategy<T> watermarks(CaspianConfig config, EventTime<T> time) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(config.watermarks().maxOutOfOrderness())
                .withTimestampAssigner((event, previous) -> time.millis(event))
                .withIdleness(config.watermarks().idleness());
    }

    /** Reads an event's time. */
    @FunctionalInterface
    private interface EventTime<T> extends java.io.Serializable {
        long millis(T event);
    }
}
