package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.DispatchFeedback;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import java.util.Locale;

/**
 * The dispatch-outcomes topic's JSON: what the Kubernetes dispatcher reports to the placement rounds.
 * <pre>{"action":"dispatch_failed","job_id":"train-1","timestamp":"2025-10-22T08:05:03.120Z","cluster":"carbon-jp",
 *  "round_time":"2025-10-22T08:05:00Z","source_cluster":"carbon-kr","reason":"kubernetes_api_error","detail":"..."}</pre>
 * {@code round_time} names the placement (its round) the outcome answers; {@code source_cluster} is set
 * on a move; {@code reason} and {@code detail} on a failure. Only {@code dispatched} and
 * {@code dispatch_failed} are outcomes: any other action here is refused.
 */
public final class DispatchOutcomeJson {

    private DispatchOutcomeJson() {}

    public static WorkloadEvent parse(String payload) throws InvalidRecordException {
        FieldReader fields = new FieldReader(Json.parseObject(payload));
        String text = fields.string("action");
        WorkloadAction action = switch (text) {
            case "dispatched" -> WorkloadAction.DISPATCHED;
            case "dispatch_failed" -> WorkloadAction.DISPATCH_FAILED;
            default -> throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'action' must be one of dispatched, dispatch_failed, got \"" + text + "\"");
        };
        String jobId = fields.string("job_id");
        long timestamp = fields.timestamp("timestamp");
        String cluster = fields.string("cluster");
        long round = fields.timestamp("round_time");
        String source = fields.optionalString("source_cluster", null);
        DispatchFeedback feedback = action == WorkloadAction.DISPATCHED ? DispatchFeedback.dispatched(round, source)
                : DispatchFeedback.failed(round, source, fields.string("reason"), fields.optionalString("detail", ""));
        return WorkloadEvent.feedback(jobId, action, timestamp, cluster, feedback);
    }

    public static String write(WorkloadEvent outcome) {
        DispatchFeedback feedback = outcome.dispatch();
        ObjectNode node = Json.object();
        node.put("action", outcome.action().name().toLowerCase(Locale.ROOT));
        node.put("job_id", outcome.jobId());
        node.put("timestamp", Json.iso(outcome.timestampMillis()));
        node.put("cluster", outcome.cluster());
        node.put("round_time", Json.iso(feedback.roundMillis()));
        if (feedback.sourceCluster() != null) {
            node.put("source_cluster", feedback.sourceCluster());
        }
        if (feedback.reason() != null) {
            node.put("reason", feedback.reason());
            node.put("detail", feedback.detail());
        }
        return Json.write(node);
    }
}
