package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectricityMapsApiFormatTest {

    private final ElectricityMapsApiFormat format = new ElectricityMapsApiFormat();

    static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void latestIsOneReading() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"zone":"KR","carbonIntensity":436,"datetime":"2025-10-22T08:00:00.000Z","updatedAt":"2025-10-22T08:41:01.516Z",
                 "createdAt":"2025-10-19T08:43:49.081Z","emissionFactorType":"lifecycle","isEstimated":true,
                 "estimationMethod":"TIME_SLICER_AVERAGE"}""");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.zone()).isEqualTo("KR");
            assertThat(r.intensityGco2PerKwh()).isEqualTo(436.0);
            assertThat(r.timestampMillis()).isEqualTo(millis("2025-10-22T08:00:00Z"));
            assertThat(r.estimated()).isTrue();
            assertThat(r.signal()).isEqualTo(CarbonReading.AVERAGE);
            assertThat(r.hasForecast()).isFalse();
        });
    }

    @Test
    void historyIsOneReadingPerHourAndAGapIsNoReading() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"zone":"JP","history":[
                  {"zone":"JP","carbonIntensity":480,"datetime":"2025-10-22T06:00:00.000Z","isEstimated":false},
                  {"zone":"JP","carbonIntensity":null,"datetime":"2025-10-22T07:00:00.000Z","isEstimated":false},
                  {"zone":"JP","carbonIntensity":455,"datetime":"2025-10-22T08:00:00.000Z","isEstimated":false}]}""");

        assertThat(readings).extracting(CarbonReading::intensityGco2PerKwh).containsExactly(480.0, 455.0);
        assertThat(readings).extracting(CarbonReading::timestampMillis)
                .containsExactly(millis("2025-10-22T06:00:00Z"), millis("2025-10-22T08:00:00Z"));
    }

    @Test
    void forecastIsOneEstimatedReadingCarryingTheLaterPoints() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"zone":"KR","forecast":[{"carbonIntensity":410,"datetime":"2025-10-22T09:00:00.000Z"},
                  {"carbonIntensity":400,"datetime":"2025-10-22T08:00:00.000Z"},
                  {"carbonIntensity":390,"datetime":"2025-10-22T10:00:00.000Z"}],"updatedAt":"2025-10-22T07:58:00.000Z"}""");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.intensityGco2PerKwh()).isEqualTo(400.0);
            assertThat(r.timestampMillis()).isEqualTo(millis("2025-10-22T08:00:00Z"));
            assertThat(r.estimated()).isTrue();
            assertThat(r.forecast()).containsExactly(new ForecastPoint(millis("2025-10-22T09:00:00Z"), 410),
                    new ForecastPoint(millis("2025-10-22T10:00:00Z"), 390));
        });
    }

    @Test
    void aMissingOrNegativeIntensityIsRefusedNeverReadAsZero() {
        assertThatThrownBy(() -> format.parse("{\"zone\":\"KR\",\"carbonIntensity\":null,\"datetime\":\"2025-10-22T08:00:00Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessage("field 'carbonIntensity' is required");
        assertThatThrownBy(() -> format.parse("{\"zone\":\"KR\",\"carbonIntensity\":-3,\"datetime\":\"2025-10-22T08:00:00Z\"}"))
                .hasMessage("field 'carbonIntensity' must be a number >= 0, got -3");
        assertThatThrownBy(() -> format.parse("{\"zone\":\"KR\",\"history\":[{\"carbonIntensity\":null,\"datetime\":\"2025-10-22T08:00:00Z\"}]}"))
                .hasMessage("the history of zone KR has no hour with a carbonIntensity");
    }
}
