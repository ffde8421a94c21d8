package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.testing.SharedData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectricityMapsCsvFormatTest {

    private static final String HEADER = "Datetime (UTC),Country,Zone Name,Zone Id,"
            + "Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),"
            + "Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method\n";

    @Test
    void readsLifecycleIntensityByDefaultAndDirectOnRequest() throws Exception {
        String csv = HEADER
                + "2022-01-01 00:00:00,USA,California Independent System Operator,US-CAL-CISO,209.26,274.07,55.43,41.25,caiso.com,false,\n"
                + "2022-01-01 01:00:00,USA,\"California, ISO\",US-CAL-CISO,225.02,291.76,52.72,39.49,caiso.com,true,TIME_SLICER\n";

        List<CarbonReading> lca = new ElectricityMapsCsvFormat().parse(csv);
        List<CarbonReading> direct = new ElectricityMapsCsvFormat(ElectricityMapsCsvFormat.Basis.DIRECT).parse(csv);

        assertThat(lca).extracting(CarbonReading::intensityGco2PerKwh).containsExactly(274.07, 291.76);
        assertThat(direct).extracting(CarbonReading::intensityGco2PerKwh).containsExactly(209.26, 225.02);
        assertThat(lca.get(1).timestampMillis()).isEqualTo(Instant.parse("2022-01-01T01:00:00Z").toEpochMilli());
        assertThat(lca).extracting(CarbonReading::zone).containsOnly("US-CAL-CISO");
        assertThat(lca).extracting(CarbonReading::estimated).containsExactly(false, true);
    }

    @Test
    void acceptsAPlainTwoInsteadOfTheSubscript() throws Exception {
        String csv = HEADER.replace('₂', '2') + "2022-01-01 00:00:00,KR,Korea,KR,400,420,1,1,x,false,\n";

        assertThat(new ElectricityMapsCsvFormat().parse(csv)).singleElement()
                .extracting(CarbonReading::intensityGco2PerKwh).isEqualTo(420.0);
    }

    @Test
    void anEmptyIntensityIsAGapNotAZero() throws Exception {
        String csv = HEADER
                + "2022-01-01 00:00:00,KR,Korea,KR,400,,1,1,x,false,\n"
                + "2022-01-01 01:00:00,KR,Korea,KR,400,410,1,1,x,false,\n";

        assertThat(new ElectricityMapsCsvFormat().parse(csv)).singleElement()
                .extracting(CarbonReading::intensityGco2PerKwh).isEqualTo(410.0);
    }

    @Test
    void rejectsGarbageWithTheLineAndColumn() {
        String csv = HEADER + "2022-01-01 00:00:00,KR,Korea,KR,400,abc,1,1,x,false,\n";

        assertThatThrownBy(() -> new ElectricityMapsCsvFormat().parse(csv))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("line 2").hasMessageContaining("(LCA)").hasMessageContaining("abc");
    }

    @Test
    void rejectsAHeaderWithoutTheIntensityColumn() {
        assertThatThrownBy(() -> new ElectricityMapsCsvFormat().parse("Datetime (UTC),Zone Id\n2022-01-01 00:00:00,KR\n"))
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(InvalidRecordException.MISSING_FIELD))
                .hasMessageContaining("(LCA)");
    }

    @Test
    void readsTheRealCaliforniaExport() throws Exception {
        String csv = SharedData.readCarbonFile("raw_electricitymaps_format_US-CAL-CISO_2022_hourly.csv");

        List<CarbonReading> readings = new ElectricityMapsCsvFormat().parse(csv);

        assertThat(readings).hasSize(8760);
        assertThat(readings.get(0).intensityGco2PerKwh()).isEqualTo(274.07);
        assertThat(readings.get(8759).timestampMillis()).isEqualTo(Instant.parse("2022-12-31T23:00:00Z").toEpochMilli());
    }
}
