package io.caspian.optimizer;

/**
 * A cluster as the optimizer sees it: capacity and the forecast intensity of its zone per slot.
 *
 * @param intensity gCO2/kWh per slot; at least as long as the horizon plus the longest run
 */
public record Site(String name, String zone, double cpu, double memGb, int gpu, double[] intensity) {}
