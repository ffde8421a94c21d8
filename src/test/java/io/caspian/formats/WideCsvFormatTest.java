package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.testing.SharedData;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WideCsvFormatTest {

    private static final String CSV = "datetime_utc,KR,JP-TK,JP-KN\n"
            + "2022-01-01T00:00:00Z,484.31,498.97,437.93\n"
            + "2022-01-01T01:00:00Z,478.54,,431.04\n";

    @Test
    void oneReadingPerZoneAndHour() throws Exception {
        List<CarbonReading> readings = new WideCsvFormat().parse(CSV);

        assertThat(readings).extracting(CarbonReading::zone).containsExactly("KR", "JP-TK", "JP-KN", "KR", "JP-KN");
        assertThat(readings.get(4).intensityGco2PerKwh()).isEqualTo(431.04);
        assertThat(readings.get(4).timestampMillis()).isEqualTo(Instant.parse("2022-01-01T01:00:00Z").toEpochMilli());
    }

    @Test
    void anEmptyCellIsAGapNotAZero() throws Exception {
        assertThat(new WideCsvFormat(Set.of("JP-TK")).parse(CSV)).singleElement()
                .extracting(CarbonReading::intensityGco2PerKwh).isEqualTo(498.97);
    }

    @Test
    void aRequestedZoneMissingFromTheHeaderIsAnError() {
        assertThatThrownBy(() -> new WideCsvFormat(Set.of("CN")).parse(CSV))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'CN'");
    }

    @Test
    void rejectsABadCellWithItsLineAndZone() {
        assertThatThrownBy(() -> new WideCsvFormat().parse(CSV + "2022-01-01T02:00:00Z,-1,1,1\n"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("line 4").hasMessageContaining("'KR'");
        assertThatThrownBy(() -> new WideCsvFormat().parse(CSV + "yesterday,1,1,1\n"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("yesterday");
    }

    @Test
    void readsOneZoneOfTheRealYear() throws Exception {
        String csv = SharedData.readCarbonFile("east_asia_2022_hourly_KR_JP_TW_SG.csv");

        List<CarbonReading> readings = new WideCsvFormat(Set.of("KR")).parse(csv);

        assertThat(readings).hasSize(8760).extracting(CarbonReading::zone).containsOnly("KR");
        assertThat(readings.get(0).intensityGco2PerKwh()).isEqualTo(484.31);
        assertThat(readings.get(8759).intensityGco2PerKwh()).isEqualTo(500.41);
    }
}
