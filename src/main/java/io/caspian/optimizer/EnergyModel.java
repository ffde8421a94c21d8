package io.caspian.optimizer;

import java.io.Serializable;

/** Power a workload draws: per core, per GB of memory, per GPU, times the data centre's PUE. */
public record EnergyModel(double wattsPerCore, double wattsPerGbMemory, double wattsPerGpu, double pue)
        implements Serializable {

    public double powerWatts(double cpu, double memGb, int gpu) {
        return (cpu * wattsPerCore + memGb * wattsPerGbMemory + gpu * wattsPerGpu) * pue;
    }

    /** kWh drawn at {@code powerWatts} for {@code minutes}. */
    public static double energyKwh(double powerWatts, double minutes) {
        return powerWatts / 1000.0 * minutes / 60.0;
    }
}
