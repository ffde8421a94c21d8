package io.caspian.replay;

import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A recorded carbon trace per zone, as a step function: each reading holds until the next one. It is
 * the truth of a back-test: runs are accounted against it, and perfect-foresight forecasts are cut
 * from it.
 */
public final class CarbonTrace {

    /** How the readings fed to a back-test carry forecasts. */
    public enum Forecast {
        /** No forecast points: the job carries the last value over the horizon. */
        PERSISTENCE,
        /** The trace's own future values: the ceiling no real forecast can beat. */
        PERFECT,
        /** The trace's future values with seeded Gaussian noise growing with lead time. */
        NOISY,
        /** No forecast points, as persistence, and the job learns a forecast from each zone's own last week. */
        LEARNED
    }

    private final Map<String, long[]> times = new TreeMap<>();
    private final Map<String, double[]> values = new TreeMap<>();
    private final Map<String, List<CarbonReading>> readings = new TreeMap<>();

    public CarbonTrace(List<CarbonReading> all) {
        Map<String, List<CarbonReading>> byZone = new TreeMap<>();
        for (CarbonReading r : all) {
            byZone.computeIfAbsent(r.zone(), z -> new ArrayList<>()).add(r);
        }
        byZone.forEach((zone, list) -> {
            list.sort(Comparator.comparingLong(CarbonReading::timestampMillis));
            long[] t = new long[list.size()];
            double[] v = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                t[i] = list.get(i).timestampMillis();
                v[i] = list.get(i).intensityGco2PerKwh();
            }
            times.put(zone, t);
            values.put(zone, v);
            readings.put(zone, List.copyOf(list));
        });
    }

    public List<String> zones() {
        return List.copyOf(times.keySet());
    }

    public long startMillis(String zone) {
        return times.get(zone)[0];
    }

    /** When the last reading of the zone ends: its time plus the step before it. */
    public long endMillis(String zone) {
        long[] t = times.get(zone);
        long step = t.length > 1 ? t[t.length - 1] - t[t.length - 2] : 3_600_000L;
        return t[t.length - 1] + step;
    }

    /**
     * ∫ intensity dt over [from, to) in gCO2/kWh × hours; NaN when any part lies outside the trace
     * (missing data is never read as zero).
     */
    public double integralKwhHours(String zone, long fromMillis, long toMillis) {
        long[] t = times.get(zone);
        double[] v = values.get(zone);
        if (t == null || fromMillis < t[0] || toMillis > endMillis(zone)) {
            return Double.NaN;
        }
        int i = indexAt(t, fromMillis);
        double total = 0;
        long at = fromMillis;
        while (at < toMillis) {
            long next = i + 1 < t.length ? Math.min(t[i + 1], toMillis) : toMillis;
            total += v[i] * (next - at) / 3_600_000.0;
            at = next;
            i++;
        }
        return total;
    }

    /** gCO2 of drawing {@code watts} in the zone over [from, to). */
    public double grams(String zone, double watts, long fromMillis, long toMillis) {
        return watts / 1000.0 * integralKwhHours(zone, fromMillis, toMillis);
    }

    private static int indexAt(long[] t, long millis) {
        int lo = 0;
        int hi = t.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (t[mid] <= millis) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The readings as a back-test feeds them, each with forecast points for the following
     * {@code lookaheadMillis} as the mode says.
     *
     * @param noise relative standard deviation of a NOISY forecast at 24 h lead (grows linearly with lead)
     */
    public List<CarbonReading> readingsWith(Forecast mode, long lookaheadMillis, double noise, long seed) {
        List<CarbonReading> out = new ArrayList<>();
        for (Map.Entry<String, List<CarbonReading>> zone : readings.entrySet()) {
            List<CarbonReading> list = zone.getValue();
            for (int i = 0; i < list.size(); i++) {
                CarbonReading r = list.get(i);
                List<ForecastPoint> forecast = mode == Forecast.PERSISTENCE || mode == Forecast.LEARNED ? List.of()
                        : forecast(list, i, lookaheadMillis, mode == Forecast.NOISY ? noise : 0, seed);
                out.add(new CarbonReading(r.zone(), r.intensityGco2PerKwh(), r.timestampMillis(), r.source(), r.estimated(),
                        r.signal(), forecast));
            }
        }
        out.sort(Comparator.comparingLong(CarbonReading::timestampMillis));
        return out;
    }

    private static List<ForecastPoint> forecast(List<CarbonReading> list, int i, long lookahead, double noise, long seed) {
        long now = list.get(i).timestampMillis();
        Random random = new Random(seed * 31 + now * 17 + list.get(i).zone().hashCode());
        List<ForecastPoint> points = new ArrayList<>();
        for (int j = i + 1; j < list.size() && list.get(j).timestampMillis() <= now + lookahead; j++) {
            CarbonReading future = list.get(j);
            double leadDays = (future.timestampMillis() - now) / 86_400_000.0;
            double value = future.intensityGco2PerKwh() * (1 + noise * leadDays * random.nextGaussian());
            points.add(new ForecastPoint(future.timestampMillis(), Math.max(0, value)));
        }
        return points;
    }
}
