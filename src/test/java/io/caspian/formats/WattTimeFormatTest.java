package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.caspian.events.CarbonReading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WattTimeFormatTest {

    private final WattTimeFormat format = new WattTimeFormat();

    @Test
    void historicalMoerIsMarginalAndConvertedFromPoundsPerMegawattHour() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"data":[{"point_time":"2025-10-22T08:00:00+00:00","value":1000.0},
                         {"point_time":"2025-10-22T08:05:00+00:00","value":850.5}],
                 "meta":{"data_point_period_seconds":300,"region":"CAISO_NORTH","signal_type":"co2_moer",
                         "units":"lbs_co2_per_mwh","warnings":[]}}""");

        assertThat(readings).hasSize(2).allSatisfy(r -> {
            assertThat(r.zone()).isEqualTo("CAISO_NORTH");
            assertThat(r.signal()).isEqualTo(CarbonReading.MARGINAL);
        });
        // 1000 lb/MWh = 453.59237 kg/MWh = 453.59237 g/kWh
        assertThat(readings.get(0).intensityGco2PerKwh()).isCloseTo(453.59237, within(1e-9));
        assertThat(readings.get(1).intensityGco2PerKwh()).isCloseTo(850.5 * 0.45359237, within(1e-9));
        assertThat(readings.get(1).timestampMillis()).isEqualTo(Instant.parse("2025-10-22T08:05:00Z").toEpochMilli());
    }

    @Test
    void aForecastBecomesOneReadingWithTheLaterPoints() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"data":[{"point_time":"2025-10-22T08:00:00+00:00","value":900},{"point_time":"2025-10-22T08:05:00+00:00","value":800},
                         {"point_time":"2025-10-22T08:10:00+00:00","value":700}],
                 "meta":{"region":"CAISO_NORTH","signal_type":"co2_moer","units":"lbs_co2_per_mwh",
                         "generated_at":"2025-10-22T07:55:00+00:00"}}""");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.estimated()).isTrue();
            assertThat(r.signal()).isEqualTo(CarbonReading.MARGINAL);
            assertThat(r.forecast()).hasSize(2);
            assertThat(r.forecast().get(1).intensityGco2PerKwh()).isCloseTo(700 * 0.45359237, within(1e-9));
        });
    }

    @Test
    void otherUnitsAndSignalsAreRefused() {
        assertThatThrownBy(() -> format.parse("{\"data\":[],\"meta\":{\"region\":\"X\",\"signal_type\":\"co2_moer\",\"units\":\"percentile\"}}"))
                .hasMessage("field 'meta.units' must be \"lbs_co2_per_mwh\", got \"percentile\"");
        assertThatThrownBy(() -> format.parse("{\"data\":[],\"meta\":{\"region\":\"X\",\"signal_type\":\"health_damage\",\"units\":\"lbs_co2_per_mwh\"}}"))
                .hasMessageStartingWith("field 'meta.signal_type' must be co2_moer (marginal) or co2_aoer (average)");
        assertThatThrownBy(() -> format.parse("{\"data\":[{\"point_time\":\"2025-10-22T08:00:00Z\",\"value\":\"n/a\"}],"
                + "\"meta\":{\"region\":\"X\",\"signal_type\":\"co2_moer\",\"units\":\"lbs_co2_per_mwh\"}}"))
                .hasMessage("field 'data[0].value' must be a number >= 0, got \"n/a\"");
    }
}
