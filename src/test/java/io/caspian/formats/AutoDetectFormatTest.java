package io.caspian.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoDetectFormatTest {

    private final AutoDetectFormat format = new AutoDetectFormat();

    private String sourceOf(String payload) throws Exception {
        List<CarbonReading> readings = format.parse(payload);
        assertThat(readings).isNotEmpty();
        return readings.get(0).source();
    }

    @Test
    void recognisesEachProvidersShape() throws Exception {
        assertThat(sourceOf("{\"zone\":\"KR\",\"carbon_intensity_gco2_per_kwh\":400,\"timestamp\":\"2025-10-22T08:00:00Z\",\"source\":\"native\"}"))
                .isEqualTo("native");
        assertThat(sourceOf("{\"zone\":\"KR\",\"carbonIntensity\":400,\"datetime\":\"2025-10-22T08:00:00Z\"}"))
                .isEqualTo(ElectricityMapsApiFormat.SOURCE);
        assertThat(sourceOf("{\"zone\":\"KR\",\"history\":[{\"carbonIntensity\":400,\"datetime\":\"2025-10-22T08:00:00Z\"}]}"))
                .isEqualTo(ElectricityMapsApiFormat.SOURCE);
        assertThat(sourceOf("{\"data\":[{\"point_time\":\"2025-10-22T08:00:00Z\",\"value\":900}],"
                + "\"meta\":{\"region\":\"CAISO_NORTH\",\"signal_type\":\"co2_moer\",\"units\":\"lbs_co2_per_mwh\"}}"))
                .isEqualTo(WattTimeFormat.SOURCE);
        assertThat(sourceOf("{\"data\":[{\"from\":\"2025-10-22T08:00Z\",\"to\":\"2025-10-22T08:30Z\",\"intensity\":{\"forecast\":1,\"actual\":2}}]}"))
                .isEqualTo(UkCarbonIntensityFormat.SOURCE);
        assertThat(sourceOf("\uFEFF{\"Emissions\":[{\"Location\":\"eastus\",\"Rating\":\"90\",\"Time\":\"2021-10-25T14:50:00Z\"}]}"))
                .isEqualTo(CarbonAwareSdkJsonFormat.SOURCE);
        assertThat(sourceOf("[{\"Location\":\"eastus\",\"Rating\":90,\"Time\":\"2021-10-25T14:50:00Z\",\"Duration\":\"01:00\"}]"))
                .isEqualTo(CarbonAwareSdkJsonFormat.SOURCE);
    }

    @Test
    void anUnknownShapeIsRefusedWithItsFields() {
        assertThatThrownBy(() -> format.parse("{\"region\":\"KR\",\"gco2\":400}"))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidRecordException.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage()).endsWith("top-level fields: [region, gco2]");
                });
        assertThatThrownBy(() -> format.parse("42")).hasMessage("expected a JSON object or array, got number");
    }
}
