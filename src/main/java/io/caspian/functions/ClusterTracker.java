package io.caspian.functions;

import io.caspian.events.AuditEvent;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterReconfiguration;
import io.caspian.events.ClusterStatus;
import io.caspian.events.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by cluster name, between the cluster parse and the placement rounds. Passes every update on
 * unchanged and compares it with the cluster's previous update: a first update is
 * {@code cluster_created}, status {@code deleted} is {@code cluster_deleted} (and forgets the cluster),
 * a different total capacity is {@code cluster_scaled}, a different status {@code status_changed}. Each
 * change goes to the audit side output as a {@code cluster_reconfiguration} event with its trigger.
 */
public class ClusterTracker extends KeyedProcessFunction<String, Cluster, Cluster> {

    static final String STATE = "previous-cluster";
    public static final String CREATED = "cluster_created";
    public static final String DELETED = "cluster_deleted";
    public static final String SCALED = "cluster_scaled";
    public static final String STATUS_CHANGED = "status_changed";

    private transient ValueState<Cluster> previous;

    @Override
    public void open(OpenContext openContext) {
        previous = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, Cluster.class));
    }

    /** The reconfigurations an update means, given the previous update (null for none). */
    public static List<ClusterReconfiguration> changes(Cluster before, Cluster now) {
        List<ClusterReconfiguration> changes = new ArrayList<>();
        String status = name(now.status());
        if (now.status() == ClusterStatus.DELETED) {
            if (before != null) {
                changes.add(new ClusterReconfiguration(DELETED, now.geolocation(), now.total(), before.total(), status,
                        name(before.status()), "cluster update reported status deleted"));
            }
            return changes;
        }
        if (before == null) {
            changes.add(new ClusterReconfiguration(CREATED, now.geolocation(), now.total(), null, status, null,
                    "first registration of the cluster"));
            return changes;
        }
        if (!before.total().equals(now.total())) {
            changes.add(new ClusterReconfiguration(SCALED, now.geolocation(), now.total(), before.total(), status,
                    name(before.status()), "total capacity changed: " + describe(before.total()) + " -> " + describe(now.total())));
        }
        if (before.status() != now.status()) {
            changes.add(new ClusterReconfiguration(STATUS_CHANGED, now.geolocation(), now.total(), before.total(), status,
                    name(before.status()), "status changed: " + name(before.status()) + " -> " + status));
        }
        return changes;
    }

    private static String name(ClusterStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(Resources r) {
        return String.format(Locale.ROOT, "cpu=%s mem_gb=%s gpu=%d", strip(r.cpu()), strip(r.memGb()), r.gpu());
    }

    private static String strip(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public void processElement(Cluster cluster, Context ctx, Collector<Cluster> out) throws Exception {
        for (ClusterReconfiguration change : changes(previous.value(), cluster)) {
            ctx.output(OutputTags.AUDIT_EVENTS, AuditEvent.reconfiguration(cluster.name(), cluster.timestampMillis(), change));
        }
        if (cluster.status() == ClusterStatus.DELETED) {
            previous.clear();
        } else {
            previous.update(cluster);
        }
        out.collect(cluster);
    }
}
