package io.caspian.sinks.elasticsearch;

import io.caspian.events.Alert;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.DeadLetter;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.json.AlertJson;
import io.caspian.events.json.AnalyticsRecordJson;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.DeadLetterJson;
import io.caspian.events.json.Json;
import io.caspian.events.json.PlacementJson;
import io.caspian.events.json.RoundSummaryJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The job's output streams as Elasticsearch sees them. Every id is a function of the record's own
 * content, never of when or how often it was written, so a replay or a retried bulk overwrites.
 */
public final class IndexedStreams {

    public static final String AUDIT_EVENTS = "audit-events";
    public static final String PLACEMENTS = "placements";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String ANALYTICS = "analytics";
    public static final String ALERTS = "alerts";
    public static final String CARBON_INTENSITY = "carbon-intensity";
    public static final String ROUND_SUMMARIES = "round-summaries";
    public static final String CLUSTER_ROUNDS = "cluster-rounds";

    /** Every stream that has an index template under {@code src/main/resources/elasticsearch/}. */
    public static final java.util.List<String> ALL = java.util.List.of(
            AUDIT_EVENTS, PLACEMENTS, DEAD_LETTER, ANALYTICS, ALERTS, CARBON_INTENSITY, ROUND_SUMMARIES, CLUSTER_ROUNDS);

    private IndexedStreams() {}

    /** Audit events: the event's own stable {@code event_id}. */
    public static IndexedStream<AuditEvent> auditEvents() {
        return new IndexedStream<>(AUDIT_EVENTS, AuditEventDocuments::write, AuditEvent::eventId, AuditEvent::timestampMillis);
    }

    /** Round summaries: one document per domain and round, {@code <domain>@<round time>}. */
    public static IndexedStream<RoundSummary> roundSummaries() {
        return new IndexedStream<>(ROUND_SUMMARIES, RoundSummaryJson::write, RoundSummaryJson::id, RoundSummary::roundMillis);
    }

    /**
     * Each cluster's row of each round as a flat document ({@link RoundSummaryJson#clusterDocuments}),
     * for dashboards that aggregate per cluster: id {@code <domain>@<cluster>@<round time>}.
     */
    public static IndexedStream<String> clusterRounds() {
        return new IndexedStream<>(CLUSTER_ROUNDS, json -> json, JsonDocumentFields::clusterRoundId, JsonDocumentFields::roundTime);
    }

    /** Placements: one document per change of a workload's plan, {@code <job_id>@<round time>}. */
    public static IndexedStream<Placement> placements() {
        return new IndexedStream<>(PLACEMENTS, PlacementJson::write, IndexedStreams::placementId, Placement::roundMillis);
    }

    /** Dead letters: a hash of where the record came from and what it said. */
    public static IndexedStream<DeadLetter> deadLetters() {
        return new IndexedStream<>(DEAD_LETTER, DeadLetterJson::write, IndexedStreams::deadLetterId, DeadLetter::timestampMillis);
    }

    /** Analytics windows: the record's own id (window, scope, metric group, start), indexed by window start. */
    public static IndexedStream<AnalyticsRecord> analytics() {
        return new IndexedStream<>(ANALYTICS, AnalyticsRecordJson::write, AnalyticsRecordJson::id,
                AnalyticsRecord::windowStartMillis);
    }

    /** Alerts: {@code <alert_id>@<state>}, so an episode's fired and resolved records are both kept. */
    public static IndexedStream<Alert> alerts() {
        return new IndexedStream<>(ALERTS, AlertJson::write, alert -> alert.alertId() + "@" + alert.state(),
                Alert::timestampMillis);
    }

    /** Carbon readings: one document per zone, signal and reading time. */
    public static IndexedStream<CarbonReading> carbonIntensity() {
        return new IndexedStream<>(CARBON_INTENSITY, CarbonReadingJson::write, IndexedStreams::carbonReadingId,
                CarbonReading::timestampMillis);
    }

    /**
     * A stream that is already JSON (analytics, alerts): the caller names the id and time functions
     * of its record type.
     */
    public static <T> IndexedStream<T> of(String name, StreamFunction<T, String> json, StreamFunction<T, String> documentId,
            StreamFunction<T, Long> eventTimeMillis) {
        return new IndexedStream<>(name, json, documentId, eventTimeMillis);
    }

    /**
     * Analytics windows as JSON ({@code window_start}, {@code window_end}, {@code window},
     * {@code scope}, figures): id {@code <window>@<scope>@<window_start>}, indexed by window start.
     */
    public static IndexedStream<String> analyticsJson() {
        return new IndexedStream<>(ANALYTICS, json -> json, JsonDocumentFields::analyticsId, JsonDocumentFields::analyticsTime);
    }

    /** Alerts as JSON ({@code alert_id}, {@code state}, {@code timestamp}, ...): id {@code <alert_id>@<state>}. */
    public static IndexedStream<String> alertsJson() {
        return new IndexedStream<>(ALERTS, json -> json, JsonDocumentFields::alertId, JsonDocumentFields::alertTime);
    }

    static String placementId(Placement placement) {
        return placement.jobId() + "@" + Json.iso(placement.roundMillis());
    }

    /** Where the record came from and why it was refused: one record refused for two reasons is two documents. */
    static String deadLetterId(DeadLetter letter) {
        return deadLetterId(letter.source(), Integer.toString(letter.partition()), Long.toString(letter.offset()),
                letter.payload(), letter.stage(), letter.reason(), letter.detail());
    }

    /**
     * The dead-letter id from its parts, as the job's sink and the indexer ({@link TopicDocuments}) both
     * read them; a missing payload counts as empty.
     */
    static String deadLetterId(String source, String partition, String offset, String payload, String stage, String reason,
            String detail) {
        return sha256(source, partition, offset, payload == null ? "" : payload, stage, reason, detail);
    }

    static String carbonReadingId(CarbonReading reading) {
        return reading.zone() + "@" + reading.signal() + "@" + Json.iso(reading.timestampMillis());
    }

    /** SHA-256 of the parts, each prefixed by its length so that no two part lists collide. */
    static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                String text = part == null ? "" : part;
                digest.update((text.length() + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(text.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
