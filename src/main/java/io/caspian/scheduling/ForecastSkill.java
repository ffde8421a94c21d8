package io.caspian.scheduling;

import io.caspian.events.ForecastPoint;
import java.util.List;

/**
 * How well each forecast of one zone has done, per source (the feed's own, the learnt one) and lead
 * time, measured against the hourly means the zone then reported. A mutable POJO in the zone's keyed
 * state, bounded whatever the feed's rate: per source and lead band a ring of the target hours still
 * to be scored (one slot per hour the band reaches), and a running mean of the error.
 *
 * <p>A forecast issued at {@code t} for the hour starting at {@code h} (a later hour than t's) has the
 * lead {@code h − t} rounded up to whole hours (the next hour's lead is 1). It falls in the first band
 * of {@link #LEAD_HOURS} that reaches that lead. A band keeps, for each target hour, the first forecast
 * that fell in it (the longest lead in the band), so a band's error is the error at about its upper
 * lead. When a reading of a later hour arrives, the hour before is complete: its mean is the actual,
 * and every forecast kept for it is scored.
 *
 * <p>The running means weigh each scored hour equally until {@link #MEMORY_HOURS} have been scored,
 * then exponentially with that span, so the weights of the sources ({@link #learnedWeightAt}) follow a
 * change of the feed's quality within about a week.
 */
public class ForecastSkill {

    public static final int FEED = 0;
    public static final int LEARNED = 1;
    public static final List<String> SOURCES = List.of("feed", "learned");
    /** Upper leads of the bands, in hours. */
    public static final int[] LEAD_HOURS = {1, 3, 6, 12, 24, 48};
    /** Scored hours before the learnt forecast gets a weight in a band, and the span of the running means. */
    static final int MIN_SCORED = 24;
    static final int MEMORY_HOURS = 168;
    static final long HOUR = 3_600_000L;

    private static final int BANDS = LEAD_HOURS.length;
    private static final int[] OFFSET = new int[BANDS + 1];

    static {
        for (int b = 0; b < BANDS; b++) {
            OFFSET[b + 1] = OFFSET[b] + LEAD_HOURS[b] + 1;
        }
    }

    /** Ring slots per source: each band holds one slot per target hour it can reach, plus one. */
    static final int SLOTS = OFFSET[BANDS];

    /** Per source and band, the target hour (since the epoch) of each slot, or -1; and its forecast. */
    public long[] pendingHour = new long[2 * SLOTS];
    public double[] pendingValue = new double[2 * SLOTS];
    /** Per source and band: hours scored, mean absolute percentage error, mean signed error (gCO2/kWh). */
    public int[] scored = new int[2 * BANDS];
    public double[] mape = new double[2 * BANDS];
    public double[] bias = new double[2 * BANDS];
    /** The hour being measured (since the epoch), or -1, and its readings' running mean. */
    public long currentHour = -1;
    public double currentMean;
    public int currentCount;

    public ForecastSkill() {
        java.util.Arrays.fill(pendingHour, -1);
    }

    /** One forecast scored against the hour's mean. */
    public record Score(int source, int leadHours, long hourStartMillis, double forecast, double actual) {}

    /** The band of a lead in whole hours, or -1 beyond the last. */
    static int band(long leadHours) {
        for (int b = 0; b < BANDS; b++) {
            if (leadHours <= LEAD_HOURS[b]) {
                return b;
            }
        }
        return -1;
    }

    /**
     * Takes a reading as an actual. When it opens a later hour, the hour before is scored: each score is
     * given to {@code scores} (null: scored silently). Readings of an hour already closed are ignored.
     */
    public void observe(long timestampMillis, double intensity, java.util.function.Consumer<Score> scores) {
        long hour = Math.floorDiv(timestampMillis, HOUR);
        if (hour < currentHour) {
            return;
        }
        if (hour > currentHour) {
            if (currentCount > 0) {
                score(currentHour, currentMean, scores);
            }
            currentHour = hour;
            currentMean = 0;
            currentCount = 0;
        }
        currentCount++;
        currentMean += (intensity - currentMean) / currentCount;
    }

    private void score(long hour, double actual, java.util.function.Consumer<Score> scores) {
        for (int source = 0; source < 2; source++) {
            for (int b = 0; b < BANDS; b++) {
                int slot = slot(source, b, hour);
                if (pendingHour[slot] != hour) {
                    continue;
                }
                pendingHour[slot] = -1;
                double forecast = pendingValue[slot];
                if (actual <= 0) {
                    continue; // a percentage of nothing: no error to count
                }
                int i = source * BANDS + b;
                scored[i]++;
                double weight = 1.0 / Math.min(scored[i], MEMORY_HOURS);
                mape[i] += weight * (100.0 * Math.abs(forecast - actual) / actual - mape[i]);
                bias[i] += weight * (forecast - actual - bias[i]);
                if (scores != null) {
                    scores.accept(new Score(source, LEAD_HOURS[b], hour * HOUR, forecast, actual));
                }
            }
        }
    }

    /**
     * Keeps a forecast issued at {@code issuedMillis} to be scored: points of one hour are taken as their
     * mean, and each hour goes to the band of its lead unless the band already holds that hour.
     */
    public void issue(int source, long issuedMillis, List<ForecastPoint> points) {
        int i = 0;
        while (i < points.size()) {
            long hour = Math.floorDiv(points.get(i).timestampMillis(), HOUR);
            double sum = 0;
            int n = 0;
            for (; i < points.size() && Math.floorDiv(points.get(i).timestampMillis(), HOUR) == hour; i++) {
                sum += points.get(i).intensityGco2PerKwh();
                n++;
            }
            long lead = Math.floorDiv(hour * HOUR - issuedMillis + HOUR - 1, HOUR);
            int b = hour <= Math.floorDiv(issuedMillis, HOUR) ? -1 : band(lead);
            if (b < 0) {
                continue; // the hour under way, or beyond the last band
            }
            int slot = slot(source, b, hour);
            if (pendingHour[slot] != hour) {
                pendingHour[slot] = hour;
                pendingValue[slot] = sum / n;
            }
        }
    }

    /**
     * Whether a forecast from {@code source} issued at {@code issuedMillis}, reaching {@code horizonMillis}
     * ahead, could still be kept: some hour it reaches and has a point for ({@code hasPoint}, asked with the
     * hour's start, only for hours not yet held) has no forecast of that source in its band yet. When none
     * has, {@link #issue} would change nothing, and the forecast need not be made for scoring.
     */
    public boolean wouldKeep(int source, long issuedMillis, long horizonMillis, java.util.function.LongPredicate hasPoint) {
        long now = Math.floorDiv(issuedMillis, HOUR);
        long last = Math.floorDiv(issuedMillis + horizonMillis, HOUR);
        for (long hour = now + 1; hour <= last; hour++) {
            int b = band(hour - now);
            if (b < 0) {
                break; // beyond the last band: never kept
            }
            if (pendingHour[slot(source, b, hour)] != hour && hasPoint.test(hour * HOUR)) {
                return true;
            }
        }
        return false;
    }

    private static int slot(int source, int band, long hour) {
        int size = LEAD_HOURS[band] + 1;
        return source * SLOTS + OFFSET[band] + (int) Math.floorMod(hour, (long) size);
    }

    /**
     * The weight of the learnt forecast in a forecast combined with the feed's at this lead: each source
     * weighed by the inverse of its squared mean absolute percentage error, {@code feed² / (feed² +
     * learnt²)}, once both have been scored on at least {@link #MIN_SCORED} hours; 0 (the feed's own)
     * until then, or when both have been exact. Two forecasts whose errors are independent, as a feed's
     * model and a zone's own week largely are, combine into one more accurate than either (Bates and
     * Granger, 1969); a feed that has been exact keeps a weight of 1.
     */
    public double learnedWeightAt(long leadHours) {
        int b = band(leadHours);
        if (b < 0) {
            b = BANDS - 1;
        }
        int feed = FEED * BANDS + b;
        int learned = LEARNED * BANDS + b;
        if (scored[feed] < MIN_SCORED || scored[learned] < MIN_SCORED) {
            return 0;
        }
        double f = mape[feed] * mape[feed];
        double l = mape[learned] * mape[learned];
        return f + l == 0 ? 0 : f / (f + l);
    }
}
