package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.testing.SharedData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarbonAwareSdkJsonFormatTest {

    private final CarbonAwareSdkJsonFormat format = new CarbonAwareSdkJsonFormat();

    @Test
    void readsTheBareArrayWithNumericRatings() throws Exception {
        List<CarbonReading> readings = format.parse("""
                [{"Location":"eastus","Time":"2021-10-25T14:50:00+00:00","Rating":90,"Duration":"01:00"},
                 {"Location":"eastus","Time":"2021-10-25T15:50:00+01:00","Rating":57.5,"Duration":"01:00:00"}]""");

        assertThat(readings).extracting(CarbonReading::intensityGco2PerKwh).containsExactly(90.0, 57.5);
        assertThat(readings.get(1).timestampMillis()).isEqualTo(Instant.parse("2021-10-25T14:50:00Z").toEpochMilli());
        assertThat(readings).extracting(CarbonReading::zone).containsOnly("eastus");
    }

    @Test
    void readsTheWrappedFormWithStringRatingsAndAByteOrderMark() throws Exception {
        List<CarbonReading> readings = format.parse("\uFEFF{\"Description\":\"d\",\"Emissions\":["
                + "{\"Location\":\"Sydney\",\"Rating\":\"0.6\",\"Time\":\"2021-01-01T00:00:01\"}]}");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.intensityGco2PerKwh()).isEqualTo(0.6);
            assertThat(r.timestampMillis()).isEqualTo(Instant.parse("2021-01-01T00:00:01Z").toEpochMilli());
        });
    }

    @Test
    void durationsInBothSpellingsAndBadOnesRefused() throws Exception {
        assertThat(CarbonAwareSdkJsonFormat.durationMillis("01:00")).isEqualTo(3_600_000);
        assertThat(CarbonAwareSdkJsonFormat.durationMillis("00:05:00")).isEqualTo(300_000);
        assertThat(CarbonAwareSdkJsonFormat.durationMillis("1.00:00:00")).isEqualTo(86_400_000);
        assertThatThrownBy(() -> CarbonAwareSdkJsonFormat.durationMillis("one hour")).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> CarbonAwareSdkJsonFormat.durationMillis("00:00")).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> CarbonAwareSdkJsonFormat.durationMillis("25:00")).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void aBadEntryIsRefusedWithItsIndexAndField() {
        assertThatThrownBy(() -> format.parse("[{\"Location\":\"x\",\"Time\":\"2021-01-01T00:00:00Z\",\"Rating\":1},"
                + "{\"Location\":\"x\",\"Time\":\"2021-01-01T01:00:00Z\",\"Rating\":\"high\"}]"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("[1]").hasMessageContaining("Rating");
        assertThatThrownBy(() -> format.parse("[{\"Location\":\"x\",\"Time\":\"2021-01-01T00:00:00Z\"}]"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("Rating");
        assertThatThrownBy(() -> format.parse("{\"Description\":\"no data\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("Emissions");
    }

    @Test
    void readsBothRealSamples() throws Exception {
        List<CarbonReading> bare = format.parse(SharedData.readCarbonFile("test-data-aws-emissions.json"));
        List<CarbonReading> wrapped = format.parse(SharedData.readCarbonFile("sample-emissions-data.json"));

        assertThat(bare).hasSize(600);
        assertThat(bare.get(0).zone()).isEqualTo("us-east-1");
        assertThat(bare.get(0).intensityGco2PerKwh()).isEqualTo(90.0);
        assertThat(wrapped).hasSize(8);
        assertThat(wrapped.get(0).zone()).isEqualTo("Sydney");
    }

    @Test
    void everyFormatIsFoundByItsName() throws Exception {
        for (String name : CarbonFormats.names()) {
            assertThat(CarbonFormats.byName(name).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> CarbonFormats.byName("csv?")).isInstanceOf(InvalidRecordException.class);
    }
}
