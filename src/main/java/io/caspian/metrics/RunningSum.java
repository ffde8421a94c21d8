package io.caspian.metrics;

import org.apache.flink.metrics.Gauge;

/**
 * A fractional counter: Flink counters are whole numbers, and the seed's GB and gCO2 totals are not.
 * Exposed as a gauge whose value only grows; the migration totals resume from the detector's operator
 * state after a restart ({@link MigrationMetrics}).
 */
public final class RunningSum implements Gauge<Double> {

    private double sum;

    public void add(double amount) {
        sum += amount;
    }

    @Override
    public Double getValue() {
        return sum;
    }
}
