package io.caspian.events;

/** CPU cores, memory and GPUs: a cluster's capacity or a workload's request. */
public record Resources(double cpu, double memGb, int gpu) {

    public static final Resources NONE = new Resources(0, 0, 0);

    public Resources plus(Resources other) {
        return new Resources(cpu + other.cpu, memGb + other.memGb, gpu + other.gpu);
    }

    public Resources minus(Resources other) {
        return new Resources(cpu - other.cpu, memGb - other.memGb, gpu - other.gpu);
    }
}
