package io.caspian.validation;

import io.caspian.config.CaspianConfig.Limits;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ForecastPoint;
import io.caspian.events.RawRecord;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.events.json.InvalidRecordException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits at the door (docs/limits.md): every parsed input record is checked here, whatever format
 * it came in, before it can reach keyed state, event time or a sink. A violation names the field, the
 * limit (by its configuration key) and the value.
 */
public final class InputLimits implements Serializable {

    /** A payload larger than the limit. */
    public static final String OVERSIZED = InvalidRecordException.OVERSIZED;
    /** A number, list or text beyond its bound. */
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    /** An id or zone name too long or with characters a sink or Kubernetes would refuse. */
    public static final String INVALID_IDENTIFIER = "invalid_identifier";
    /** A record stamped too far ahead of the job's clock, or before the earliest plausible time. */
    public static final String EVENT_TIME_OUT_OF_RANGE = "event_time_out_of_range";
    /** Bytes that are not UTF-8 text. */
    public static final String INVALID_ENCODING = "invalid_encoding";

    /** Kubeconfig contexts and free-text names (a feed's source): a DNS name's length. */
    public static final int TEXT_LENGTH = 253;
    /** Clusters a workload may name in its affinity. */
    public static final int AFFINITY_CLUSTERS = 1024;
    /** Labels of one workload. */
    public static final int LABELS = 64;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:%-]*");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Limits limits;
    private final EventClock clock;

    public InputLimits(Limits limits, EventClock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    public EventClock clock() {
        return clock;
    }

    /** Before parsing: the record's size as received, and its encoding. */
    public void checkReceived(RawRecord raw) throws InvalidRecordException {
        if (!raw.isText()) {
            throw new InvalidRecordException(INVALID_ENCODING, "the record is not valid UTF-8 text ("
                    + raw.payloadBytes() + " bytes, kept as base64 in the payload)");
        }
        String payload = raw.payload();
        if (payload == null) {
            return;
        }
        long bytes = raw.payloadBytes() >= 0 ? raw.payloadBytes() : utf8Bytes(payload, limits.payloadBytes());
        if (bytes > limits.payloadBytes()) {
            throw new InvalidRecordException(OVERSIZED, "payload of " + bytes + " bytes exceeds limits.payload-bytes ("
                    + limits.payloadBytes() + ")");
        }
    }

    public void check(WorkloadEvent event) throws InvalidRecordException {
        identifier("job_id", event.jobId());
        eventTime("timestamp", event.timestampMillis());
        if (event.cluster() != null) {
            identifier("cluster", event.cluster());
        }
        WorkloadSpec spec = event.spec();
        if (spec == null) {
            return;
        }
        atMost("runtime_minutes", spec.runtimeMinutes(), limits.runtimeMinutes(), "limits.runtime-minutes");
        atMost("deadline_minutes", spec.deadlineMinutes(), limits.deadlineMinutes(), "limits.deadline-minutes");
        atMost("cpu", spec.cpu(), limits.cpu(), "limits.cpu");
        atMost("mem_gb", spec.memGb(), limits.memGb(), "limits.mem-gb");
        atMost("gpu", spec.gpu(), limits.gpu(), "limits.gpu");
        atMost("data_gb", spec.dataGb(), limits.dataGb(), "limits.data-gb");
        atMost("affinity_clusters (count)", spec.affinityClusters().size(), AFFINITY_CLUSTERS, "a fixed bound");
        for (String cluster : spec.affinityClusters()) {
            identifier("affinity_clusters", cluster);
        }
        if (spec.homeCluster() != null) {
            identifier("home_cluster", spec.homeCluster());
        }
        if (spec.tenant() != null) {
            identifier("tenant", spec.tenant());
        }
        atMost("labels (count)", spec.labels().size(), LABELS, "a fixed bound");
        for (Map.Entry<String, String> label : spec.labels().entrySet()) {
            identifier("labels (name)", label.getKey());
            identifier("labels." + label.getKey(), label.getValue());
        }
        if (spec.image() != null) {
            atMost("image (characters)", spec.image().length(), limits.imageLength(), "limits.image-length");
        }
        List<String> command = spec.command();
        atMost("command (arguments)", command.size(), limits.commandArgs(), "limits.command-args");
        long chars = 0;
        for (String argument : command) {
            chars += argument.length();
        }
        atMost("command (characters)", chars, limits.commandChars(), "limits.command-chars");
    }

    public void check(Cluster cluster) throws InvalidRecordException {
        identifier("name", cluster.name());
        zone("geolocation", cluster.geolocation());
        eventTime("timestamp", cluster.timestampMillis());
        resources("resources.total", cluster.total());
        resources("resources.available", cluster.available());
        if (cluster.kubeconfigContext() != null) {
            atMost("kubeconfig_context (characters)", cluster.kubeconfigContext().length(), TEXT_LENGTH, "a fixed bound");
        }
    }

    public void check(CarbonReading reading) throws InvalidRecordException {
        zone("zone", reading.zone());
        eventTime("timestamp", reading.timestampMillis());
        intensity("carbon_intensity_gco2_per_kwh", reading.intensityGco2PerKwh());
        if (reading.source() != null) {
            atMost("source (characters)", reading.source().length(), TEXT_LENGTH, "a fixed bound");
        }
        List<ForecastPoint> forecast = reading.forecast() == null ? List.of() : reading.forecast();
        atMost("forecast (points)", forecast.size(), limits.forecastPoints(), "limits.forecast-points");
        long lastAllowed = reading.timestampMillis() + limits.forecastHorizon().toMillis();
        for (int i = 0; i < forecast.size(); i++) {
            ForecastPoint point = forecast.get(i);
            intensity("forecast[" + i + "].carbon_intensity_gco2_per_kwh", point.intensityGco2PerKwh());
            if (point.timestampMillis() > lastAllowed) {
                throw new InvalidRecordException(LIMIT_EXCEEDED, "field 'forecast[" + i + "].timestamp' is "
                        + Instant.ofEpochMilli(point.timestampMillis()) + ", beyond limits.forecast-horizon ("
                        + limits.forecastHorizon() + ") after the reading at " + Instant.ofEpochMilli(reading.timestampMillis()));
            }
        }
    }

    public void check(AuditEvent event) throws InvalidRecordException {
        identifier("event_id", event.eventId());
        eventTime("timestamp", event.timestampMillis());
        if (event.workloadId() != null) {
            identifier("workload_id", event.workloadId());
        }
        if (event.cluster() != null) {
            identifier("cluster", event.cluster());
        }
        if (event.origin() != null) {
            atMost("origin (characters)", event.origin().length(), TEXT_LENGTH, "a fixed bound");
        }
    }

    /** An alert rule's id (the compacted topic's key). */
    public void checkRuleId(String id) throws InvalidRecordException {
        identifier("id", id);
    }

    /**
     * The UTF-8 size of a text, for comparing with {@code limit}: a character is one to three bytes, so a
     * text of at most a third of the limit in characters is under it without encoding, and its length
     * stands in; past that the exact size is counted, so that a refusal reports it.
     */
    public static long utf8Bytes(String text, long limit) {
        return (long) text.length() * 3 <= limit ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Identifiers travel to Kafka keys, Elasticsearch ids and Kubernetes labels. */
    public void identifier(String field, String value) throws InvalidRecordException {
        name(field, value, limits.idLength(), "limits.id-length", IDENTIFIER, "letters, digits and . _ : % -");
    }

    public void zone(String field, String value) throws InvalidRecordException {
        name(field, value, limits.zoneLength(), "limits.zone-length", ZONE, "a zone name of letters, digits and . _ -");
    }

    private static void name(String field, String value, int maxLength, String key, Pattern alphabet, String described)
            throws InvalidRecordException {
        if (value.length() > maxLength) {
            throw new InvalidRecordException(INVALID_IDENTIFIER, "field '" + field + "' has " + value.length()
                    + " characters, more than " + key + " (" + maxLength + "): " + head(value));
        }
        if (!alphabet.matcher(value).matches()) {
            throw new InvalidRecordException(INVALID_IDENTIFIER, "field '" + field + "' must be " + described
                    + " (starting with a letter or digit), got " + head(value));
        }
    }

    /** Refuses a time that would move event time ahead of the job's clock, or one before any real data. */
    public void eventTime(String field, long millis) throws InvalidRecordException {
        long latest = clock.nowMillis() + limits.futureSkew().toMillis();
        if (millis > latest) {
            throw new InvalidRecordException(EVENT_TIME_OUT_OF_RANGE, "field '" + field + "' is " + time(millis)
                    + ", more than limits.future-skew (" + limits.futureSkew() + ") ahead of the job's clock ("
                    + time(clock.nowMillis()) + ")");
        }
        if (millis < limits.earliestEventTime().toEpochMilli()) {
            throw new InvalidRecordException(EVENT_TIME_OUT_OF_RANGE, "field '" + field + "' is " + time(millis)
                    + ", before limits.earliest-event-time (" + limits.earliestEventTime() + ")");
        }
    }

    private void resources(String field, Resources resources) throws InvalidRecordException {
        if (resources == null) {
            return;
        }
        atMost(field + ".cpu", resources.cpu(), limits.cpu(), "limits.cpu");
        atMost(field + ".mem_gb", resources.memGb(), limits.memGb(), "limits.mem-gb");
        atMost(field + ".gpu", resources.gpu(), limits.gpu(), "limits.gpu");
    }

    private void intensity(String field, double value) throws InvalidRecordException {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field '" + field + "' must be a finite number >= 0, got " + value);
        }
        atMost(field, value, limits.intensityGco2PerKwh(), "limits.intensity-gco2-per-kwh");
    }

    private static void atMost(String field, double value, double limit, String key) throws InvalidRecordException {
        if (value > limit) {
            throw new InvalidRecordException(LIMIT_EXCEEDED, "field '" + field + "' is " + number(value) + ", above "
                    + key + " (" + number(limit) + ")");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Epoch millis outside Instant's range still print. */
    private static String time(long millis) {
        try {
            return Instant.ofEpochMilli(millis).toString();
        } catch (RuntimeException e) {
            return millis + " ms since 1970";
        }
    }

    private static String head(String value) {
        return value.length() > 40 ? "\"" + value.substring(0, 37) + "...\"" : "\"" + value + "\"";
    }
}
