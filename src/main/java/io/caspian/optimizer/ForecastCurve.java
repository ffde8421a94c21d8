package io.caspian.optimizer;

/**
 * Turns a zone's latest reading and forecast points into one intensity per planning slot. A point
 * holds from its time until the next point; slots before the first point take the current reading;
 * with no points at all the current reading is carried over the whole horizon (a persistence
 * forecast), which the decision then says.
 */
public final class ForecastCurve {

    private ForecastCurve() {}

    /**
     * @param pointTimes ascending times of forecast points (may be empty)
     * @param pointValues their intensities
     * @return intensity for each of {@code slots} slots starting at {@code startMillis}, read at each
     *     slot's middle
     */
    public static double[] perSlot(double current, long[] pointTimes, double[] pointValues, long startMillis,
            long slotMillis, int slots) {
        double[] values = new double[slots];
        int next = 0;
        double value = current;
        for (int s = 0; s < slots; s++) {
            long probe = startMillis + s * slotMillis + slotMillis / 2;
            while (next < pointTimes.length && pointTimes[next] <= probe) {
                value = pointValues[next];
                next++;
            }
            values[s] = value;
        }
        return values;
    }
}
