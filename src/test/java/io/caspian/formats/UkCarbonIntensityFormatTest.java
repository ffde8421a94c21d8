package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.ForecastPoint;
import io.caspian.events.json.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UkCarbonIntensityFormatTest {

    private final UkCarbonIntensityFormat format = new UkCarbonIntensityFormat();

    static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void measuredHalfHoursAreReadingsAndTheFutureIsTheLastOnesForecast() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"data":[
                  {"from":"2025-10-22T07:30Z","to":"2025-10-22T08:00Z","intensity":{"forecast":190,"actual":185,"index":"moderate"}},
                  {"from":"2025-10-22T08:00Z","to":"2025-10-22T08:30Z","intensity":{"forecast":180,"actual":176,"index":"moderate"}},
                  {"from":"2025-10-22T08:30Z","to":"2025-10-22T09:00Z","intensity":{"forecast":150,"actual":null,"index":"low"}}]}""");

        assertThat(readings).extracting(CarbonReading::intensityGco2PerKwh).containsExactly(185.0, 176.0);
        assertThat(readings).extracting(CarbonReading::zone).containsOnly("GB");
        assertThat(readings.get(0).hasForecast()).isFalse();
        assertThat(readings.get(1).timestampMillis()).isEqualTo(millis("2025-10-22T08:00:00Z"));
        assertThat(readings.get(1).forecast()).containsExactly(new ForecastPoint(millis("2025-10-22T08:30:00Z"), 150));
    }

    @Test
    void aForecastOnlyResponseIsOneEstimatedReading() throws Exception {
        List<CarbonReading> readings = format.parse("""
                {"data":[{"from":"2025-10-22T08:00Z","to":"2025-10-22T08:30Z","intensity":{"forecast":170,"index":"low"}},
                         {"from":"2025-10-22T08:30Z","to":"2025-10-22T09:00Z","intensity":{"forecast":160,"index":"low"}}]}""");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.estimated()).isTrue();
            assertThat(r.intensityGco2PerKwh()).isEqualTo(170.0);
            assertThat(r.forecast()).extracting(ForecastPoint::intensityGco2PerKwh).containsExactly(160.0);
        });
    }

    @Test
    void regionalAndIncompleteResponsesAreRefused() {
        assertThatThrownBy(() -> format.parse("{\"data\":[{\"regionid\":1,\"shortname\":\"North Scotland\",\"data\":[]}]}"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidRecordException.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> format.parse("{\"data\":[{\"from\":\"2025-10-22T08:00Z\",\"to\":\"2025-10-22T08:30Z\",\"intensity\":{\"index\":\"low\"}}]}"))
                .hasMessage("field 'data[0].intensity.forecast' is required");
        assertThatThrownBy(() -> format.parse("{\"data\":[]}")).hasMessage("field 'data' holds no half hours");
    }
}
