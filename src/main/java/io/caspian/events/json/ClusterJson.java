package io.caspian.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Resources;
import java.io.IOException;
import java.util.Locale;

/**
 * Cluster registration / state JSON:
 * <pre>{"name":"carbon-kr","geolocation":"KR","kubeconfig_context":"kind-carbon-kr","status":"ready",
 *  "timestamp":"2025-10-22T08:00:00Z","resources":{"total":{"cpu":64,"mem_gb":256,"gpu":0},
 *  "available":{"cpu":48,"mem_gb":200,"gpu":0}}}</pre>
 * {@code available} defaults to {@code total}; {@code status} to {@code ready}.
 */
public final class ClusterJson {

    private ClusterJson() {}

    public static Cluster parse(String payload) throws InvalidRecordException {
        FieldReader fields = new FieldReader(Json.parseObject(payload));
        String name = fields.string("name");
        String zone = fields.string("geolocation");
        FieldReader resources = fields.object("resources");
        Resources total = resources(resources.object("total"));
        if (total.cpu() <= 0 || total.memGb() <= 0) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'resources.total' must have cpu > 0 and mem_gb > 0, got cpu=" + total.cpu() + " mem_gb="
                            + total.memGb());
        }
        Resources available = resources.has("available") ? resources(resources.object("available")) : total;
        ClusterStatus status = status(fields.optionalString("status", "ready"));
        return new Cluster(name, zone, total, available, fields.optionalString("kubeconfig_context", name), status,
                fields.timestamp("timestamp"));
    }

    private static Resources resources(FieldReader fields) throws InvalidRecordException {
        return new Resources(fields.nonNegative("cpu"), fields.nonNegative("mem_gb"), fields.optionalNonNegativeInt("gpu", 0));
    }

    private static ClusterStatus status(String text) throws InvalidRecordException {
        try {
            return ClusterStatus.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'status' must be one of ready, not_ready, draining, deleted, got \"" + text + "\"");
        }
    }

    public static String write(Cluster cluster) {
        return Json.stream(out -> {
            out.writeStartObject();
            out.writeStringField("name", cluster.name());
            out.writeStringField("geolocation", cluster.geolocation());
            out.writeStringField("kubeconfig_context", cluster.kubeconfigContext());
            out.writeStringField("status", cluster.status().name().toLowerCase(Locale.ROOT));
            out.writeStringField("timestamp", Json.iso(cluster.timestampMillis()));
            out.writeObjectFieldStart("resources");
            out.writeFieldName("total");
            writeResources(out, cluster.total());
            out.writeFieldName("available");
            writeResources(out, cluster.available());
            out.writeEndObject();
            out.writeEndObject();
        });
    }

    static void writeResources(JsonGenerator out, Resources resources) throws IOException {
        out.writeStartObject();
        out.writeNumberField("cpu", resources.cpu());
        out.writeNumberField("mem_gb", resources.memGb());
        out.writeNumberField("gpu", resources.gpu());
        out.writeEndObject();
    }
}
