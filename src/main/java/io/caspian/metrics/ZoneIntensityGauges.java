package io.caspian.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * {@code grid_carbon_intensity_gco2_per_kwh{zone}}: the latest reading of each zone this task
 * tracks. A zone whose data went stale reads NaN (no value), never zero.
 */
public final class ZoneIntensityGauges {

    private final MetricGroup group;
    private final Map<String, double[]> latest = new HashMap<>();

    public ZoneIntensityGauges(MetricGroup group) {
        this.group = group;
    }

    public void record(String zone, double intensityGco2PerKwh) {
        holder(zone)[0] = intensityGco2PerKwh;
    }

    public void stale(String zone) {
        holder(zone)[0] = Double.NaN;
    }

    /** The zones that have a gauge. */
    public java.util.Set<String> zones() {
        return java.util.Collections.unmodifiableSet(latest.keySet());
    }

    private double[] holder(String zone) {
        return latest.computeIfAbsent(zone, z -> {
            double[] value = {Double.NaN};
            group.addGroup(MetricNames.ZONE, z).gauge(MetricNames.GRID_CARBON_INTENSITY, (Gauge<Double>) () -> value[0]);
            return value;
        });
    }
}
