package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.caspian.events.ForecastPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastSkillTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_700_006_400_000L - Math.floorMod(1_700_006_400_000L, HOUR); // an hour's start

    private final ForecastSkill skill = new ForecastSkill();
    private final List<ForecastSkill.Score> scores = new ArrayList<>();

    @Test
    void anHourIsScoredAgainstTheMeanOfItsReadingsOnceALaterHourBegins() {
        skill.observe(T0, 200, scores::add);
        skill.issue(ForecastSkill.FEED, T0, List.of(new ForecastPoint(T0 + HOUR, 110), new ForecastPoint(T0 + HOUR + HOUR / 2, 130),
                new ForecastPoint(T0 + 3 * HOUR, 300)));
        skill.observe(T0 + HOUR, 100, scores::add);
        skill.observe(T0 + HOUR + HOUR / 2, 140, scores::add);
        assertThat(scores).hasSize(0); // hour 0 had no forecast, hour 1 is still under way

        skill.observe(T0 + 2 * HOUR, 50, scores::add);
        // hour 1: the feed's two points average 120 against readings averaging 120
        assertThat(scores).containsExactly(new ForecastSkill.Score(ForecastSkill.FEED, 1, T0 + HOUR, 120, 120));

        skill.observe(T0 + 3 * HOUR + 1, 200, scores::add);
        skill.observe(T0 + 4 * HOUR, 200, scores::add);
        // hour 2 had no forecast; hour 3, three hours ahead, was forecast 300 against 200
        assertThat(scores).hasSize(2);
        assertThat(scores.get(1)).isEqualTo(new ForecastSkill.Score(ForecastSkill.FEED, 3, T0 + 3 * HOUR, 300, 200));
        assertThat(skill.mape[1]).isCloseTo(50.0, offset(1e-9)); // feed, the 3 h band: |300 - 200| / 200
        assertThat(skill.bias[1]).isCloseTo(100.0, offset(1e-9));
        assertThat(skill.mape[0]).isCloseTo(0.0, offset(1e-9));
    }

    @Test
    void aBandKeepsTheFirstForecastOfAnHourAndAnHourWithoutReadingsIsNeverScored() {
        skill.observe(T0, 100, scores::add);
        skill.issue(ForecastSkill.LEARNED, T0, List.of(new ForecastPoint(T0 + 3 * HOUR, 150), new ForecastPoint(T0 + 5 * HOUR, 80)));
        skill.observe(T0 + HOUR, 100, scores::add);
        // two hours ahead now: the same 3 h band, which keeps the forecast made three hours ahead
        skill.issue(ForecastSkill.LEARNED, T0 + HOUR, List.of(new ForecastPoint(T0 + 3 * HOUR, 105)));
        skill.observe(T0 + 3 * HOUR, 100, scores::add); // hour 1 is complete: nothing was kept for it
        skill.observe(T0 + 6 * HOUR, 100, scores::add); // hours 4 and 5 had no reading
        skill.observe(T0 + 7 * HOUR, 100, scores::add);
        assertThat(scores).containsExactly(new ForecastSkill.Score(ForecastSkill.LEARNED, 3, T0 + 3 * HOUR, 150, 100));
    }

    @Test
    void theLearntForecastWeighsByItsRecordAgainstTheFeedsOnceBothHaveOne() {
        // every hour: the feed forecasts 1 h ahead exactly and 12 h ahead 50 % too high; the learnt one 10 % too high
        for (int h = 0; h < ForecastSkill.MIN_SCORED + 13; h++) {
            long now = T0 + h * HOUR;
            skill.observe(now, 100, null);
            skill.issue(ForecastSkill.FEED, now, List.of(new ForecastPoint(now + HOUR, 100), new ForecastPoint(now + 12 * HOUR, 150)));
            skill.issue(ForecastSkill.LEARNED, now, List.of(new ForecastPoint(now + HOUR, 110), new ForecastPoint(now + 12 * HOUR, 110)));
            if (h == ForecastSkill.MIN_SCORED + 10) {
                assertThat(skill.learnedWeightAt(12)).as("fewer than %d hours scored at 12 h", ForecastSkill.MIN_SCORED).isZero();
            }
        }
        assertThat(skill.learnedWeightAt(1)).isZero(); // an exact feed keeps all the weight
        assertThat(skill.learnedWeightAt(12)).isCloseTo(50.0 * 50 / (50 * 50 + 10 * 10), offset(1e-9));
        assertThat(skill.learnedWeightAt(7)).isEqualTo(skill.learnedWeightAt(12)); // the same band
        assertThat(skill.learnedWeightAt(24)).isZero(); // nothing scored there
    }

    @Test
    void itsStateHasTheSameSizeWhateverTheFeedsRateAndReach() {
        int slots = skill.pendingHour.length;
        for (int m = 0; m < 14 * 24 * 12; m++) { // a fortnight of five-minute readings with 72 h forecasts
            long now = T0 + m * 5 * 60_000L;
            skill.observe(now, 100 + m % 50, null);
            List<ForecastPoint> points = new ArrayList<>();
            for (int p = 1; p <= 72 * 2; p++) {
                points.add(new ForecastPoint(now + p * HOUR / 2, 120));
            }
            skill.issue(ForecastSkill.FEED, now, points);
        }
        assertThat(skill.pendingHour).hasSize(slots);
        assertThat(skill.scored[ForecastSkill.LEAD_HOURS.length - 1]).isGreaterThan(13 * 24 - 48);
    }
}
