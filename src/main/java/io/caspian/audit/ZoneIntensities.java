package io.caspian.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A zone's recent carbon readings in time order, so that a span of event time is priced with the
 * reading that was in force then, even when the carbon stream has run ahead of the cluster stream.
 * Readings older than the retention behind the newest are dropped.
 */
public class ZoneIntensities {

    public static final long RETENTION_MILLIS = 24 * 3_600_000L;

    public List<Long> timesMillis = new ArrayList<>();
    public List<Double> intensities = new ArrayList<>();

    public ZoneIntensities() {}

    public void add(long timeMillis, double intensity) {
        int at = timesMillis.size();
        while (at > 0 && timesMillis.get(at - 1) > timeMillis) {
            at--;
        }
        if (at > 0 && timesMillis.get(at - 1) == timeMillis) {
            intensities.set(at - 1, intensity);
        } else {
            timesMillis.add(at, timeMillis);
            intensities.add(at, intensity);
        }
        long oldest = timesMillis.get(timesMillis.size() - 1) - RETENTION_MILLIS;
        while (!timesMillis.isEmpty() && timesMillis.get(0) < oldest) {
            timesMillis.remove(0);
            intensities.remove(0);
        }
    }

    /** The reading in force at the time (the last at or before it) if younger than maxAge, else NaN. */
    public double at(long timeMillis, long maxAgeMillis) {
        for (int i = timesMillis.size() - 1; i >= 0; i--) {
            if (timesMillis.get(i) <= timeMillis) {
                return timeMillis - timesMillis.get(i) <= maxAgeMillis ? intensities.get(i) : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Over [from, to): ∫ intensity dt (gCO2/kWh × hours) over the time with a fresh reading, and that time. */
    public record Coverage(double intensityHours, long coveredMillis) {}

    public Coverage integrate(long fromMillis, long toMillis, long maxAgeMillis) {
        java.util.TreeSet<Long> cuts = new java.util.TreeSet<>(List.of(fromMillis, toMillis));
        for (long time : timesMillis) {
            for (long cut : new long[] {time, time + maxAgeMillis + 1}) {
                if (cut > fromMillis && cut < toMillis) {
                    cuts.add(cut);
                }
            }
        }
        double intensityHours = 0;
        long covered = 0;
        Long previous = null;
        for (long cut : cuts) {
            if (previous != null) {
                double intensity = at(previous, maxAgeMillis);
                if (!Double.isNaN(intensity)) {
                    intensityHours += intensity * (cut - previous) / 3_600_000.0;
                    covered += cut - previous;
                }
            }
            previous = cut;
        }
        return new Coverage(intensityHours, covered);
    }
}
