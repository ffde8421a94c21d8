package io.caspian.scheduling;

import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ForecastPoint;
import java.util.List;
import io.caspian.optimizer.EnergyModel;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps each zone's intensity integral and accounts, at every round, what each workload emitted over
 * the interval since the previous round and what its baseline would have emitted over the same time.
 * Time without fresh data is counted as unaccounted, never as zero carbon.
 */
public final class CarbonLedger {

    private final long maxAgeMillis;
    /** How far ahead a learned forecast reaches; 0: none is learnt. */
    private final long learnedHorizonMillis;

    public CarbonLedger(long maxAgeMillis) {
        this(maxAgeMillis, 0);
    }

    /**
     * @param learnedHorizonMillis above 0: a reading without a forecast gets one learnt from the zone's
     *     own last week ({@link HourlyHistory}), this far ahead
     */
    public CarbonLedger(long maxAgeMillis, long learnedHorizonMillis) {
        this.maxAgeMillis = maxAgeMillis;
        this.learnedHorizonMillis = learnedHorizonMillis;
    }

    /** Applies a reading in event-time order, learning from it when this ledger learns; scores go nowhere. */
    public ZoneState learnAndApply(ZoneState zone, CarbonReading reading) {
        return learnAndApply(zone, reading, null);
    }

    /**
     * Applies a reading in event-time order, learning from it when this ledger learns. The reading is
     * also the actual that the zone's earlier forecasts are scored against ({@link ForecastSkill}), each
     * score given to {@code scores} (null: kept only in the zone's skill). Its forecast is then:
     * <ul>
     *   <li>without a forecast of the feed's, the learnt one;</li>
     *   <li>with one, the feed's combined with the learnt one at each lead by their past accuracy for
     *       this zone ({@link ForecastSkill#learnedWeightAt}): the feed's as sent until both have a record,
     *       and for as long as the feed has been exact.</li>
     * </ul>
     * The rounds apply readings in a canonical order, so what is learnt and combined depends on event time
     * only, never on which input arrived first.
     */
    public ZoneState learnAndApply(ZoneState zone, CarbonReading reading, Consumer<ForecastSkill.Score> scores) {
        return learnAndApply(zone, reading, scores, true);
    }

    /**
     * As {@link #learnAndApply(ZoneState, CarbonReading, Consumer)}, for a reading that a later one of the
     * same zone will replace before anything plans with its forecast ({@code inForce} false): its learnt
     * forecast is then made only when the zone's {@link ForecastSkill} would still keep a part of it to
     * score, and its forecast as applied is the feed's alone. Its zone ends in the same state as with
     * {@code inForce} true once the later reading is applied; a round applies dozens of readings of a zone
     * between two plans, and making each one's week-long profile forecast was most of their cost.
     */
    public ZoneState learnAndApply(ZoneState zone, CarbonReading reading, Consumer<ForecastSkill.Score> scores,
            boolean inForce) {
        if (learnedHorizonMillis <= 0) {
            return apply(zone, reading);
        }
        if (zone != null && reading.timestampMillis() < zone.readingMillis) {
            return zone; // an older reading than the one in force changes nothing
        }
        HourlyHistory history = zone == null || zone.history == null ? new HourlyHistory() : zone.history;
        ForecastSkill skill = zone == null || zone.skill == null ? new ForecastSkill() : zone.skill;
        long now = reading.timestampMillis();
        skill.observe(now, reading.intensityGco2PerKwh(), scores);
        List<ForecastPoint> learned = inForce || skill.wouldKeep(ForecastSkill.LEARNED, now, learnedHorizonMillis,
                hourStart -> !Double.isNaN(history.forecastAt(hourStart, now)))
                ? history.forecast(now, reading.intensityGco2PerKwh(), learnedHorizonMillis) : null;
        if (learned != null) {
            skill.issue(ForecastSkill.LEARNED, now, learned);
        }
        CarbonReading applied = reading;
        boolean blended = false;
        if (!inForce) {
            if (reading.hasForecast()) {
                skill.issue(ForecastSkill.FEED, now, reading.forecast());
            }
        } else if (!reading.hasForecast()) {
            if (!learned.isEmpty()) {
                applied = reading.withLearnedForecast(learned);
            }
        } else {
            skill.issue(ForecastSkill.FEED, now, reading.forecast());
            Combined combined = combine(skill, now, reading.forecast(), learned);
            if (combined.combinedHours() > 0) {
                applied = reading.withForecast(combined.points());
                blended = true;
            }
        }
        ZoneState next = apply(zone, applied);
        next.forecastBlended = blended;
        if (now > history.lastMillis) {
            history.add(now, reading.intensityGco2PerKwh());
        }
        next.history = history;
        next.skill = skill;
        return next;
    }

    /** The feed's forecast combined with the learnt one, and in how many of its hours the learnt one has a weight. */
    record Combined(List<ForecastPoint> points, int combinedHours) {}

    /**
     * The feed's forecast, each point of a later hour combined with the learnt point of that hour (when
     * there is one) by the weight {@link ForecastSkill#learnedWeightAt} gives its lead. The feed's
     * resolution is kept; hours under way are the feed's.
     */
    static Combined combine(ForecastSkill skill, long nowMillis, List<ForecastPoint> feed, List<ForecastPoint> learned) {
        Map<Long, ForecastPoint> learnedByHour = new java.util.HashMap<>();
        for (ForecastPoint point : learned) {
            learnedByHour.put(Math.floorDiv(point.timestampMillis(), HOUR), point);
        }
        List<ForecastPoint> points = new java.util.ArrayList<>(feed.size());
        long currentHour = Math.floorDiv(nowMillis, HOUR);
        long lastHour = Long.MIN_VALUE;
        int combinedHours = 0;
        for (ForecastPoint point : feed) {
            long hour = Math.floorDiv(point.timestampMillis(), HOUR);
            boolean newHour = hour != lastHour;
            lastHour = hour;
            ForecastPoint learnt = learnedByHour.get(hour);
            double weight = hour > currentHour && learnt != null ? skill.learnedWeightAt(hour - currentHour) : 0;
            if (weight > 0) {
                points.add(new ForecastPoint(point.timestampMillis(),
                        (1 - weight) * point.intensityGco2PerKwh() + weight * learnt.intensityGco2PerKwh()));
                if (newHour) {
                    combinedHours++;
                }
            } else {
                points.add(point);
            }
        }
        return new Combined(List.copyOf(points), combinedHours);
    }

    private static final long HOUR = 3_600_000L;

    /** Applies a reading in event-time order; returns the zone's state (new when it had none). */
    public static ZoneState apply(ZoneState zone, CarbonReading reading) {
        if (zone == null) {
            zone = new ZoneState();
            zone.zone = reading.zone();
            zone.coveredSinceMillis = reading.timestampMillis();
            zone.integralMillis = reading.timestampMillis();
            zone.lastRoundMillis = reading.timestampMillis();
        } else if (reading.timestampMillis() < zone.readingMillis) {
            return zone; // an older reading than the one in force changes nothing
        } else {
            advance(zone, reading.timestampMillis());
        }
        zone.intensity = reading.intensityGco2PerKwh();
        zone.readingMillis = reading.timestampMillis();
        zone.estimated = reading.estimated();
        zone.source = reading.source();
        zone.forecast = reading.forecast();
        zone.forecastLearned = reading.forecastLearned();
        return zone;
    }

    private static void advance(ZoneState zone, long toMillis) {
        if (toMillis > zone.integralMillis) {
            zone.integral += zone.intensity * (toMillis - zone.integralMillis) / 60_000.0;
            zone.integralMillis = toMillis;
        }
    }

    public boolean fresh(ZoneState zone, long atMillis) {
        return zone != null && atMillis - zone.readingMillis <= maxAgeMillis;
    }

    /**
     * Time-weighted mean intensity of the zone since the last round, or NaN when the zone has no
     * fresh data at this round. Moves the zone's round marker to {@code roundMillis}.
     */
    public double closeInterval(ZoneState zone, long roundMillis) {
        advance(zone, roundMillis);
        long from = Math.max(zone.lastRoundMillis, zone.coveredSinceMillis);
        double minutes = (roundMillis - from) / 60_000.0;
        double mean = minutes > 0 ? (zone.integral - zone.integralAtLastRound) / minutes : zone.intensity;
        zone.integralAtLastRound = zone.integral;
        zone.lastRoundMillis = roundMillis;
        return fresh(zone, roundMillis) ? mean : Double.NaN;
    }

    /**
     * Adds to the workload what its run and its baseline emitted in (previousRound, round].
     *
     * @param meanByZone the interval's mean intensity per zone (NaN or absent: no data)
     */
    public static void account(WorkloadState w, long previousRound, long round, Map<String, Cluster> clusters,
            Map<String, Double> meanByZone, EnergyModel energy) {
        double watts = energy.powerWatts(w.spec.cpu(), w.spec.memGb(), w.spec.gpu());
        long stop = w.endedMillis == null ? round : Math.min(round, w.endedMillis);
        if (w.cluster != null && w.runningSinceMillis != null) {
            double emitted = span(w, watts, Math.max(previousRound, w.runningSinceMillis),
                    Math.min(stop, w.expectedEndMillis()), zoneMean(w.cluster, clusters, meanByZone));
            w.emittedCo2G += emitted;
        }
        if (w.homeCluster != null) {
            double baseline = span(w, watts, Math.max(previousRound, w.submittedMillis),
                    Math.min(stop, w.baselineEndMillis()), zoneMean(w.homeCluster, clusters, meanByZone));
            w.baselineCo2G += baseline;
        }
    }

    /** gCO2 of a span; a span without intensity adds its minutes to unaccounted and 0 g. */
    private static double span(WorkloadState w, double watts, long fromMillis, long toMillis, double intensity) {
        if (toMillis <= fromMillis) {
            return 0;
        }
        double minutes = (toMillis - fromMillis) / 60_000.0;
        if (Double.isNaN(intensity)) {
            w.unaccountedMinutes += minutes;
            return 0;
        }
        return EnergyModel.energyKwh(watts, minutes) * intensity;
    }

    private static double zoneMean(String cluster, Map<String, Cluster> clusters, Map<String, Double> meanByZone) {
        Cluster c = clusters.get(cluster);
        if (c == null) {
            return Double.NaN;
        }
        Double mean = meanByZone.get(c.geolocation());
        return mean == null ? Double.NaN : mean;
    }

}
