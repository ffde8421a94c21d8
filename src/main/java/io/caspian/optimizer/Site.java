package io.caspian.optimizer;

/**
 * A cluster as the optimizer sees it: capacity and the forecast intensity of its zone per slot.
 *
 * @param intensity gCO2/kWh per slot; past its end the last value holds
 * @param cumulative {@code cumulative[k]} = the sum of the first k slots' intensity, so that the
 *     carbon of any run is two look-ups instead of a loop over its slots
 */
public record Site(String name, String zone, double cpu, double memGb, int gpu, double[] intensity, double[] cumulative) {

    public Site(String name, String zone, double cpu, double memGb, int gpu, double[] intensity) {
        this(name, zone, cpu, memGb, gpu, intensity, cumulative(intensity));
    }

    private static double[] cumulative(double[] intensity) {
        double[] sums = new double[intensity.length + 1];
        for (int i = 0; i < intensity.length; i++) {
            sums[i + 1] = sums[i] + intensity[i];
        }
        return sums;
    }

    /** Intensity of one slot. */
    public double at(int slot) {
        return intensity[Math.min(slot, intensity.length - 1)];
    }

    /** Sum of the intensity of slots [from, to). */
    public double sum(int from, int to) {
        int length = intensity.length;
        double inside = cumulative[Math.min(to, length)] - cumulative[Math.min(from, length)];
        int beyond = to - Math.max(from, length);
        return beyond > 0 ? inside + beyond * intensity[length - 1] : inside;
    }
}
