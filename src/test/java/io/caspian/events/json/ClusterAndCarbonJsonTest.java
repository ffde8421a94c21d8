package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import org.junit.jupiter.api.Test;

class ClusterAndCarbonJsonTest {

    @Test
    void clusterAvailableDefaultsToTotalAndStatusToReady() throws Exception {
        Cluster cluster = ClusterJson.parse("""
                {"name":"carbon-kr","geolocation":"KR","timestamp":"2025-10-22T07:59:00Z",
                 "resources":{"total":{"cpu":64,"mem_gb":256}}}""");
        assertThat(cluster.available()).isEqualTo(cluster.total());
        assertThat(cluster.status()).isEqualTo(ClusterStatus.READY);
        assertThat(cluster.kubeconfigContext()).isEqualTo("carbon-kr");
        assertThat(ClusterJson.parse(ClusterJson.write(cluster))).isEqualTo(cluster);
    }

    @Test
    void clusterWithoutCapacityIsRefused() {
        assertThatThrownBy(() -> ClusterJson.parse("""
                {"name":"x","geolocation":"KR","timestamp":0,"resources":{"total":{"cpu":0,"mem_gb":8}}}"""))
                .hasMessageContaining("resources.total");
        assertThatThrownBy(() -> ClusterJson.parse("""
                {"name":"x","geolocation":"KR","timestamp":0,"resources":{"total":{"cpu":-1,"mem_gb":8}}}"""))
                .hasMessage("field 'resources.total.cpu' must be a number >= 0, got -1");
    }

    @Test
    void carbonReadingWithForecastRoundTripsAndSortsPoints() throws Exception {
        CarbonReading reading = CarbonReadingJson.parse("""
                {"zone":"KR","carbon_intensity_gco2_per_kwh":400,"timestamp":"2025-10-22T08:00:00Z",
                 "forecast":[{"timestamp":"2025-10-22T10:00:00Z","carbon_intensity_gco2_per_kwh":350},
                             {"timestamp":"2025-10-22T09:00:00Z","carbon_intensity_gco2_per_kwh":380}]}""");
        assertThat(reading.signal()).isEqualTo(CarbonReading.AVERAGE);
        assertThat(reading.forecast()).extracting(p -> p.intensityGco2PerKwh()).containsExactly(380.0, 350.0);
        assertThat(CarbonReadingJson.parse(CarbonReadingJson.write(reading))).isEqualTo(reading);
    }

    @Test
    void carbonReadingIsNeverReadAsZeroWhenTheValueIsMissingOrWrong() {
        assertThatThrownBy(() -> CarbonReadingJson.parse("{\"zone\":\"KR\",\"timestamp\":0}"))
                .hasMessage("field 'carbon_intensity_gco2_per_kwh' is required");
        assertThatThrownBy(() -> CarbonReadingJson.parse(
                "{\"zone\":\"KR\",\"timestamp\":0,\"carbon_intensity_gco2_per_kwh\":\"high\"}"))
                .hasMessageContaining("must be a number >= 0");
        assertThatThrownBy(() -> CarbonReadingJson.parse(
                "{\"zone\":\"KR\",\"timestamp\":0,\"carbon_intensity_gco2_per_kwh\":null}"))
                .hasMessage("field 'carbon_intensity_gco2_per_kwh' is required");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws Exception {
        CarbonReading reading = CarbonReadingJson.parse(
                "\uFEFF{\"zone\":\"JP\",\"carbon_intensity_gco2_per_kwh\":300,\"timestamp\":\"2025-10-22T08:05:00\"}");
        assertThat(reading.timestampMillis()).isEqualTo(1761120300000L);
    }
}
