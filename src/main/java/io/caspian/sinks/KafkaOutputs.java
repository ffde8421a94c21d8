package io.caspian.sinks;

import io.caspian.config.CaspianConfig;
import io.caspian.config.KafkaClientProperties;
import io.caspian.events.Alert;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.AuditEventJson;
import io.caspian.events.json.DeadLetterJson;
import io.caspian.events.json.DispatchOutcomeJson;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import io.caspian.workflows.CaspianWorkflow;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's output topics, each written by an exactly-once {@link KafkaSink}: records become visible
 * to {@code read_committed} consumers when the checkpoint that covers them completes, so a restart
 * neither loses nor repeats them. The one exception is the dispatch outcomes, written at least once
 * ({@link #dispatchOutcomes}). One small method per output, so that a new output is one more line.
 */
public final class KafkaOutputs {

    private KafkaOutputs() {}

    public static void attach(CaspianWorkflow.Outputs outputs, CaspianConfig config) {
        placements(outputs.placements(), config);
        auditEvents(outputs.auditEvents(), config);
        deadLetters(outputs.deadLetters(), config);
        analytics(outputs.analytics(), config);
        alerts(outputs.alerts(), config);
        roundSummaries(outputs.roundSummaries(), config);
        if (outputs.dispatchOutcomes() != null) {
            dispatchOutcomes(outputs.dispatchOutcomes(), config);
        }
    }

    /**
     * Keyed by {@code job_id}. At least once, not in transactions: the rounds read the outcomes back at
     * once rather than a checkpoint later, and take a repeated outcome (after a restart) as nothing new.
     */
    public static void dispatchOutcomes(DataStream<WorkloadEvent> outcomes, CaspianConfig config) {
        String topic = config.topics().dispatchOutcomes();
        outcomes.sinkTo(KafkaSink.<WorkloadEvent>builder()
                        .setKafkaProducerConfig(KafkaClientProperties.of(config.kafka()))
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(new KeyedJsonSerializer<>(topic, WorkloadEvent::jobId, DispatchOutcomeJson::write))
                        .build())
                .name("kafka " + topic).uid("kafka-sink-dispatch-outcomes");
    }

    /** Keyed by domain and round: a replayed round replaces its record. */
    public static void roundSummaries(DataStream<RoundSummary> summaries, CaspianConfig config) {
        String topic = config.topics().roundSummaries();
        summaries.sinkTo(exactlyOnce(config, "round-summaries", new KeyedJsonSerializer<>(topic, RoundSummaryJson::id,
                        RoundSummaryJson::write)))
                .name("kafka " + topic).uid("kafka-sink-round-summaries");
    }

    /** Keyed by the record's id (window, scope, group): a replay of a window replaces it in a compacted topic. */
    public static void analytics(DataStream<AnalyticsRecord> records, CaspianConfig config) {
        String topic = config.topics().analytics();
        records.sinkTo(exactlyOnce(config, "analytics", new KeyedJsonSerializer<>(topic, AnalyticsRecordJson::id,
                        AnalyticsRecordJson::write)))
                .name("kafka " + topic).uid("kafka-sink-analytics");
    }

    /** Keyed by {@code alert_id}: an episode's fired and resolved records stay in order. */
    public static void alerts(DataStream<Alert> alerts, CaspianConfig config) {
        String topic = config.topics().alerts();
        alerts.sinkTo(exactlyOnce(config, "alerts", new KeyedJsonSerializer<>(topic, Alert::alertId, AlertJson::write)))
                .name("kafka " + topic).uid("kafka-sink-alerts");
    }

    /**
     * Keyed by {@code job_id}: a job's placements stay in order in one partition, and the compacted
     * topic keeps the latest per job, which is the job's current plan.
     */
    public static void placements(DataStream<Placement> placements, CaspianConfig config) {
        String topic = config.topics().placements();
        placements.sinkTo(exactlyOnce(config, "placements", new KeyedJsonSerializer<>(topic, Placement::jobId, PlacementJson::write)))
                .name("kafka " + topic).uid("kafka-sink-placements");
    }

    /** Keyed by {@code event_id}, which is stable for a fact, so consumers can de-duplicate by key. */
    public static void auditEvents(DataStream<AuditEvent> events, CaspianConfig config) {
        String topic = config.topics().auditEvents();
        events.sinkTo(exactlyOnce(config, "audit-events", new KeyedJsonSerializer<>(topic, AuditEvent::eventId, AuditEventJson::write)))
                .name("kafka " + topic).uid("kafka-sink-audit-events");
    }

    /** Keyed by the topic the refused record came from. */
    public static void deadLetters(DataStream<DeadLetter> letters, CaspianConfig config) {
        String topic = config.topics().deadLetter();
        letters.sinkTo(exactlyOnce(config, "dead-letter", new KeyedJsonSerializer<>(topic, DeadLetter::source,
                        DeadLetterJson::write)))
                .name("kafka " + topic).uid("kafka-sink-dead-letter");
    }

    /**
     * An exactly-once sink. Each output has its own transactional id prefix: two sinks sharing one
     * would fence each other's producers.
     */
    public static <T> KafkaSink<T> exactlyOnce(CaspianConfig config, String output, KeyedJsonSerializer<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(KafkaClientProperties.forTransactionalProducer(config.kafka()))
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.kafka().transactionalIdPrefix() + "-" + output)
                .setRecordSerializer(serializer)
                .build();
    }
}
