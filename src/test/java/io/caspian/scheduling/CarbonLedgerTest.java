package io.caspian.scheduling;

import static io.caspian.testing.Fixtures.MINUTE;
import static io.caspian.testing.Fixtures.T1;
import static io.caspian.testing.Fixtures.reading;
import static io.caspian.testing.Fixtures.seedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.caspian.events.Cluster;
import io.caspian.events.WorkloadPhase;
import io.caspian.optimizer.EnergyModel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarbonLedgerTest {

    private static final EnergyModel ONE_KW_PER_CORE = new EnergyModel(1000, 0, 0, 1);
    private final CarbonLedger ledger = new CarbonLedger(30 * MINUTE);
    private final Map<String, Cluster> clusters = new HashMap<>();

    CarbonLedgerTest() {
        seedClusters(T1).forEach(c -> clusters.put(c.name(), c));
    }

    @Test
    void readingsReplacedBeforeARoundPlansLeaveTheZoneAsIfEachWereApplied() {
        long hour = 60 * MINUTE;
        CarbonLedger learning = new CarbonLedger(90 * MINUTE, 48 * hour);
        java.util.Random random = new java.util.Random(7);
        java.util.List<ForecastSkill.Score> allScores = new java.util.ArrayList<>();
        java.util.List<ForecastSkill.Score> lastScores = new java.util.ArrayList<>();
        ZoneState every = null;
        ZoneState last = null;
        int skippedLearnt = 0;
        int skippedOnFirstDay = 0;
        // readings every 2 minutes for 10 days, half of them with a feed forecast; a round every 5 readings
        for (int i = 0; i < 10 * 24 * 30; i++) {
            long now = T1 + i * 2 * MINUTE;
            double actual = 200 + 80 * Math.sin(i / 360.0 * Math.PI) + 20 * random.nextGaussian();
            java.util.List<io.caspian.events.ForecastPoint> feed = new java.util.ArrayList<>();
            if (i % 2 == 0) {
                for (int ahead = 1; ahead <= 24; ahead++) {
                    feed.add(new io.caspian.events.ForecastPoint(now + ahead * hour, 150 + 50 * random.nextDouble()));
                }
            }
            io.caspian.events.CarbonReading reading = new io.caspian.events.CarbonReading("KR", actual, now, "test", false,
                    "average", feed);
            boolean inForce = i % 5 == 4;
            HourlyHistory known = last == null ? null : last.history;
            if (!inForce && last != null && !last.skill.wouldKeep(ForecastSkill.LEARNED, now, 48 * hour,
                    hourStart -> !Double.isNaN(known.forecastAt(hourStart, now)))) {
                skippedLearnt++;
                skippedOnFirstDay += i < 24 * 30 ? 1 : 0;
            }
            every = learning.learnAndApply(every, reading, allScores::add, true);
            last = learning.learnAndApply(last, reading, lastScores::add, inForce);
            if (inForce) {
                assertThat(last.forecast).as("forecast at reading " + i).isEqualTo(every.forecast);
                assertThat(last.forecastBlended).isEqualTo(every.forecastBlended);
                assertThat(last.forecastLearned).isEqualTo(every.forecastLearned);
                assertThat(last.skill.pendingHour).isEqualTo(every.skill.pendingHour);
                assertThat(last.skill.pendingValue).isEqualTo(every.skill.pendingValue);
                assertThat(last.skill.mape).isEqualTo(every.skill.mape);
                assertThat(last.history.mean).isEqualTo(every.history.mean);
                assertThat(last.integral).isEqualTo(every.integral);
            }
        }
        assertThat(lastScores).isEqualTo(allScores).isNotEmpty();
        assertThat(skippedLearnt).as("readings whose learnt forecast was not needed").isGreaterThan(4000);
        // with no history yet the profile has no point for most hours, and those need no forecast either
        assertThat(skippedOnFirstDay).as("skipped on the first day").isGreaterThan(400);
    }

    @Test
    void aFeedsForecastIsCombinedWithTheLearntOneByTheirRecordsLeadByLead() {
        long hour = 60 * MINUTE;
        CarbonLedger learning = new CarbonLedger(90 * MINUTE, 48 * hour);
        java.util.List<io.caspian.events.ForecastError> unused = new java.util.ArrayList<>();
        ZoneState good = null;
        ZoneState poor = null;
        int days = 12;
        for (int h = 0; h < days * 24; h++) {
            long now = T1 + h * hour;
            double actual = 100 + 10 * (h % 24);
            java.util.List<io.caspian.events.ForecastPoint> exact = new java.util.ArrayList<>();
            java.util.List<io.caspian.events.ForecastPoint> flat = new java.util.ArrayList<>();
            for (int ahead = 1; ahead <= 24; ahead++) {
                double later = 100 + 10 * ((h + ahead) % 24);
                exact.add(new io.caspian.events.ForecastPoint(now + ahead * hour, later));
                // right an hour ahead, then the day's first value: wrong by up to 230 g beyond
                flat.add(new io.caspian.events.ForecastPoint(now + ahead * hour, ahead == 1 ? later : 100));
            }
            good = learning.learnAndApply(good, new io.caspian.events.CarbonReading("KR", actual, now, "test", false, "average",
                    exact));
            poor = learning.learnAndApply(poor, new io.caspian.events.CarbonReading("KR", actual, now, "test", false, "average",
                    flat), score -> unused.add(null));
        }
        // an exact feed is never replaced
        assertThat(good.forecastBlended).isFalse();
        assertThat(good.forecastLearned).isFalse();
        // the flat feed keeps its first hour, where both are exact; beyond, the learnt profile has been exact
        // and the feed not, so the profile takes all the weight
        assertThat(poor.forecastBlended).isTrue();
        assertThat(poor.forecast).hasSize(24);
        long now = T1 + (days * 24 - 1) * hour;
        assertThat(poor.forecast.get(0).intensityGco2PerKwh()).isEqualTo(100 + 10 * (days * 24 % 24));
        for (int ahead = 2; ahead <= 24; ahead++) {
            assertThat(poor.forecast.get(ahead - 1).timestampMillis()).isEqualTo(now + ahead * hour);
            assertThat(poor.forecast.get(ahead - 1).intensityGco2PerKwh()).as("%d h ahead", ahead)
                    .isCloseTo(100 + 10 * ((days * 24 - 1 + ahead) % 24), offset(1e-6));
        }
        assertThat(unused).isNotEmpty();
    }

    @Test
    void aReadingWithoutForecastGetsOneLearntFromTheZonesWeekAndAFeedsOwnForecastIsKept() {
        long hour = 60 * MINUTE;
        CarbonLedger learning = new CarbonLedger(90 * MINUTE, 48 * hour);
        ZoneState kr = null;
        for (int h = 0; h < 8 * 24; h++) {
            kr = learning.learnAndApply(kr, new io.caspian.events.CarbonReading("KR", 100 + 10 * (h % 24), T1 + h * hour, "test",
                    false, "average", java.util.List.of()));
        }
        assertThat(kr.forecastLearned).isTrue();
        long now = T1 + 8 * 24 * hour;
        kr = learning.learnAndApply(kr, new io.caspian.events.CarbonReading("KR", 100, now, "test", false, "average",
                java.util.List.of()));
        // the same hour of each of the last seven days, hour by hour; today's reading matches the profile
        assertThat(kr.forecastLearned).isTrue();
        assertThat(kr.forecast.get(0).timestampMillis()).isEqualTo(now + hour);
        assertThat(kr.forecast.get(0).intensityGco2PerKwh()).isEqualTo(110.0);

        var feed = java.util.List.of(new io.caspian.events.ForecastPoint(now + 2 * hour, 123));
        kr = learning.learnAndApply(kr, new io.caspian.events.CarbonReading("KR", 100, now + hour, "test", false, "average", feed));
        assertThat(kr.forecastLearned).isFalse();
        assertThat(kr.forecast).isEqualTo(feed);

        // a ledger that does not learn keeps no history and adds no forecast
        ZoneState plain = null;
        for (int h = 0; h < 8 * 24; h++) {
            plain = ledger.learnAndApply(plain, new io.caspian.events.CarbonReading("KR", 100, T1 + h * hour, "test", false,
                    "average", java.util.List.of()));
        }
        assertThat(plain.history).isNull();
        assertThat(plain.forecast).isEmpty();
    }

    @Test
    void intervalMeanIsTimeWeighted() {
        ZoneState kr = CarbonLedger.apply(null, reading("KR", 400, T1));
        ledger.closeInterval(kr, T1);
        CarbonLedger.apply(kr, reading("KR", 700, T1 + MINUTE));
        // 1 minute at 400, 4 minutes at 700
        assertThat(ledger.closeInterval(kr, T1 + 5 * MINUTE)).isCloseTo((400 + 4 * 700) / 5.0, offset(1e-9));
    }

    @Test
    void olderReadingChangesNothing() {
        ZoneState kr = CarbonLedger.apply(null, reading("KR", 400, T1 + MINUTE));
        CarbonLedger.apply(kr, reading("KR", 900, T1));
        assertThat(kr.intensity).isEqualTo(400);
    }

    @Test
    void staleZoneGivesNoIntensityAndTheTimeIsCountedAsUnaccounted() {
        ZoneState kr = CarbonLedger.apply(null, reading("KR", 400, T1));
        double mean = ledger.closeInterval(kr, T1 + 60 * MINUTE);
        assertThat(mean).isNaN();

        WorkloadState w = running("carbon-kr", T1);
        CarbonLedger.account(w, T1, T1 + 5 * MINUTE, clusters, Map.of("KR", mean), ONE_KW_PER_CORE);
        assertThat(w.emittedCo2G).isZero();
        assertThat(w.unaccountedMinutes).isEqualTo(10.0); // run and baseline, 5 minutes each
    }

    @Test
    void runAndBaselineAreAccountedOverTheSameTime() {
        WorkloadState w = running("carbon-jp", T1);
        CarbonLedger.account(w, T1, T1 + 6 * MINUTE, clusters, Map.of("KR", 600.0, "JP", 300.0), ONE_KW_PER_CORE);
        // 1 kW for 6 minutes = 0.1 kWh
        assertThat(w.emittedCo2G).isCloseTo(30.0, offset(1e-9));
        assertThat(w.baselineCo2G).isCloseTo(60.0, offset(1e-9));
    }

    /** One core and no memory, so the power is exactly the per-core figure. */
    private static io.caspian.events.WorkloadSpec specOneCore() {
        return new io.caspian.events.WorkloadSpec(1, 0, 0, 0, 60, 120, java.util.List.of(), null, java.util.List.of(), null);
    }

    private static WorkloadState running(String cluster, long since) {
        WorkloadState w = WorkloadState.submitted("j", specOneCore(), since, "carbon-kr");
        w.phase = WorkloadPhase.RUNNING;
        w.cluster = cluster;
        w.runningSinceMillis = since;
        return w;
    }
}
