package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import java.util.Locale;

/**
 * Workload lifecycle JSON. A submission carries the seed's AppWrapper fields:
 * <pre>{"action":"submitted","job_id":"train-1","timestamp":"2025-10-22T08:01:00Z","cpu":16,"mem_gb":64,
 *  "gpu":0,"data_gb":50,"runtime_minutes":240,"deadline_minutes":720,"affinity_clusters":["carbon-kr"],
 *  "image":"python:3.11","command":["python","train.py"]}</pre>
 * {@code action} defaults to {@code submitted} (the seed's POST body has none); cancellations and
 * completions need only {@code job_id}, {@code action} and {@code timestamp}.
 */
public final class WorkloadEventJson {

    private WorkloadEventJson() {}

    public static WorkloadEvent parse(String payload) throws InvalidRecordException {
        FieldReader fields = new FieldReader(Json.parseObject(payload));
        String jobId = fields.string("job_id");
        WorkloadAction action = action(fields.optionalString("action", "submitted"));
        long timestamp = fields.timestamp("timestamp");
        String cluster = fields.optionalString("cluster", null);
        if (action != WorkloadAction.SUBMITTED) {
            return new WorkloadEvent(jobId, action, timestamp, null, cluster);
        }
        return new WorkloadEvent(jobId, action, timestamp, spec(fields), cluster);
    }

    /** The dispatcher's own outcomes ({@code dispatched}, {@code dispatch_failed}) are no action a topic may claim. */
    private static WorkloadAction action(String text) throws InvalidRecordException {
        WorkloadAction action;
        try {
            action = WorkloadAction.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            action = null;
        }
        if (action == null || !action.reportable()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'action' must be one of submitted, cancelled, completed, running, failed, got \"" + text + "\"");
        }
        return action;
    }

    private static WorkloadSpec spec(FieldReader fields) throws InvalidRecordException {
        double cpu = fields.positive("cpu");
        double memGb = fields.positive("mem_gb");
        int gpu = fields.optionalNonNegativeInt("gpu", 0);
        double dataGb = fields.optionalNonNegative("data_gb", 0);
        int runtime = fields.positiveInt("runtime_minutes");
        int deadline = fields.positiveInt("deadline_minutes");
        if (deadline < runtime) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'deadline_minutes' (" + deadline + ") is shorter than 'runtime_minutes' (" + runtime
                            + "): the workload can never finish in time");
        }
        return new WorkloadSpec(cpu, memGb, gpu, dataGb, runtime, deadline, fields.stringList("affinity_clusters"),
                fields.optionalString("image", null), fields.stringList("command"),
                fields.optionalString("home_cluster", null), fields.optionalString("tenant", null), fields.stringMap("labels"));
    }

    public static String write(WorkloadEvent event) {
        ObjectNode node = Json.object();
        node.put("action", event.action().name().toLowerCase(Locale.ROOT));
        node.put("job_id", event.jobId());
        node.put("timestamp", Json.iso(event.timestampMillis()));
        if (event.cluster() != null) {
            node.put("cluster", event.cluster());
        }
        WorkloadSpec spec = event.spec();
        if (spec != null) {
            putRequirements(node, spec);
            if (spec.image() != null) {
                node.put("image", spec.image());
            }
            spec.command().forEach(node.putArray("command")::add);
            if (spec.homeCluster() != null) {
                node.put("home_cluster", spec.homeCluster());
            }
            if (spec.tenant() != null) {
                node.put("tenant", spec.tenant());
            }
            if (!spec.labels().isEmpty()) {
                ObjectNode labels = node.putObject("labels");
                spec.labels().forEach(labels::put);
            }
        }
        return Json.write(node);
    }

    /** The resource and time fields of a spec, as submissions and decisions both carry them. */
    static void putRequirements(ObjectNode node, WorkloadSpec spec) {
        node.put("cpu", spec.cpu());
        node.put("mem_gb", spec.memGb());
        node.put("gpu", spec.gpu());
        node.put("data_gb", spec.dataGb());
        node.put("runtime_minutes", spec.runtimeMinutes());
        node.put("deadline_minutes", spec.deadlineMinutes());
        spec.affinityClusters().forEach(node.putArray("affinity_clusters")::add);
    }
}
