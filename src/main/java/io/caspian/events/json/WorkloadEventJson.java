package io.caspian.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        return Json.stream(out -> {
            out.writeStartObject();
            out.writeStringField("action", event.action().name().toLowerCase(Locale.ROOT));
            out.writeStringField("job_id", event.jobId());
            out.writeStringField("timestamp", Json.iso(event.timestampMillis()));
            if (event.cluster() != null) {
                out.writeStringField("cluster", event.cluster());
            }
            WorkloadSpec spec = event.spec();
            if (spec != null) {
                writeRequirements(out, spec);
                if (spec.image() != null) {
                    out.writeStringField("image", spec.image());
                }
                writeStrings(out, "command", spec.command());
                if (spec.homeCluster() != null) {
                    out.writeStringField("home_cluster", spec.homeCluster());
                }
                if (spec.tenant() != null) {
                    out.writeStringField("tenant", spec.tenant());
                }
                if (!spec.labels().isEmpty()) {
                    out.writeObjectFieldStart("labels");
                    for (Map.Entry<String, String> label : spec.labels().entrySet()) {
                        out.writeStringField(label.getKey(), label.getValue());
                    }
                    out.writeEndObject();
                }
            }
            out.writeEndObject();
        });
    }

    /** The resource and time fields of a spec, as submissions and decisions both carry them. */
    static void writeRequirements(JsonGenerator out, WorkloadSpec spec) throws IOException {
        out.writeNumberField("cpu", spec.cpu());
        out.writeNumberField("mem_gb", spec.memGb());
        out.writeNumberField("gpu", spec.gpu());
        out.writeNumberField("data_gb", spec.dataGb());
        out.writeNumberField("runtime_minutes", spec.runtimeMinutes());
        out.writeNumberField("deadline_minutes", spec.deadlineMinutes());
        writeStrings(out, "affinity_clusters", spec.affinityClusters());
    }

    private static void writeStrings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
