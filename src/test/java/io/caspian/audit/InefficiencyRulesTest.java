package io.caspian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.InefficiencyDetected;
import io.caspian.events.Resources;
import org.junit.jupiter.api.Test;

/** The episode arithmetic: utilization, wasted energy and carbon, and what an episode is called. */
class InefficiencyRulesTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_761_120_000_000L;
    private static final Resources TOTAL = new Resources(100, 400, 0);
    /** 20 % threshold, 30 min, 10 W a core, PUE 1.5, idle below 5 %, 0.2 a kWh. */
    private final InefficiencyRules rules = new InefficiencyRules(20, HOUR / 2, 10, 1.5, 5, 0.2);

    private static Cluster cluster(double availableCpu, ClusterStatus status, long at) {
        return new Cluster("c1", "KR", TOTAL, new Resources(availableCpu, 400, 0), "c1", status, at);
    }

    @Test
    void underUseNeedsAReadyClusterBelowTheThreshold() {
        assertThat(rules.underUsed(cluster(90, ClusterStatus.READY, T0))).isTrue(); // 10 %
        assertThat(rules.underUsed(cluster(80, ClusterStatus.READY, T0))).isFalse(); // exactly 20 %
        assertThat(rules.underUsed(cluster(90, ClusterStatus.DRAINING, T0))).isFalse();
    }

    @Test
    void wasteIsUnusedCoresTimesIdlePowerPricedWithTheReadingInForce() {
        ZoneReadings carbon = new ZoneReadings();
        carbon.add(T0, 400);
        carbon.add(T0 + HOUR / 2, 600);
        InefficiencyEpisode episode = rules.start(cluster(90, ClusterStatus.READY, T0)); // 90 unused cores, 10 %
        rules.advance(episode, T0 + HOUR / 2, carbon, 2 * HOUR);
        assertThat(rules.due(episode)).isTrue();
        InefficiencyRules.observe(episode, cluster(100, ClusterStatus.READY, T0 + HOUR / 2)); // idle: 0 %
        rules.advance(episode, T0 + HOUR, carbon, 2 * HOUR);

        // 90 cores x 10 W x 1.5 = 1.35 kW for 0.5 h, then 100 cores = 1.5 kW for 0.5 h
        assertThat(episode.wastedKwh).isCloseTo(0.675 + 0.75, within(1e-9));
        assertThat(episode.wastedCo2G).isCloseTo(0.675 * 400 + 0.75 * 600, within(1e-9));
        InefficiencyDetected finding = rules.finding(episode, InefficiencyRules.RESOLVED);
        assertThat(finding.utilizationPct()).isCloseTo(5.0, within(1e-9)); // mean of 10 % and 0 %
        assertThat(finding.type()).isEqualTo(InefficiencyRules.UNDERUTILIZED); // 5 % is not below 5 %
        assertThat(finding.recommendedAction()).isEqualTo(InefficiencyRules.CONSOLIDATION);
        assertThat(finding.durationHours()).isEqualTo(1.0);
        assertThat(finding.wastedCostEstimate()).isCloseTo(1.425 * 0.2, within(1e-9));
        assertThat(finding.unpricedHours()).isZero();
    }

    @Test
    void timeWithoutCarbonDataIsUnpricedNeverZero() {
        InefficiencyEpisode episode = rules.start(cluster(100, ClusterStatus.READY, T0));
        rules.advance(episode, T0 + HOUR, null, HOUR);
        InefficiencyDetected finding = rules.finding(episode, InefficiencyRules.DETECTED);
        assertThat(finding.wastedCo2G()).isNull();
        assertThat(finding.unpricedHours()).isEqualTo(1.0);
        assertThat(finding.type()).isEqualTo(InefficiencyRules.IDLE);
        assertThat(finding.recommendedAction()).isEqualTo(InefficiencyRules.SHUTDOWN);

        ZoneReadings stale = new ZoneReadings();
        stale.add(T0, 500);
        InefficiencyEpisode partly = rules.start(cluster(100, ClusterStatus.READY, T0));
        rules.advance(partly, T0 + HOUR, stale, HOUR / 4); // fresh for the first quarter hour only
        assertThat(partly.unpricedMillis).isEqualTo(3 * HOUR / 4 - 1);
        assertThat(partly.wastedCo2G).isCloseTo(1.5 * 500 * (HOUR / 4 + 1) / HOUR, within(1e-6));
    }
}
