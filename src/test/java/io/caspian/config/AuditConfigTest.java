package io.caspian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics and inefficiency sections of caspian.yaml. */
class AuditConfigTest {

    @Test
    void defaultsHaveMinuteAndHourWindowsAndNoPrice() {
        CaspianConfig.Audit audit = ConfigLoader.defaults().audit();
        assertThat(audit.analyticsWindows()).containsExactly(Map.entry("1m", Duration.ofMinutes(1)),
                Map.entry("1h", Duration.ofHours(1)));
        assertThat(audit.pricePerKwh()).isNull();
        assertThat(audit.utilizationThresholdPct()).isEqualTo(20.0);
        assertThat(audit.inefficiencyMinDuration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void windowsAndPriceCanBeSet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "analytics:\n  windows: {1m: off, 1h: off, 5m: 5 min, 1d: PT24H}\n  price-per-kwh: 0.31\n");
        CaspianConfig.Audit audit = new ConfigLoader().load(file, Map.of("inefficiency.min-duration", "2 h")).audit();
        assertThat(audit.analyticsWindows()).containsOnlyKeys("5m", "1d").containsEntry("1d", Duration.ofDays(1));
        assertThat(audit.pricePerKwh()).isEqualTo(0.31);
        assertThat(audit.inefficiencyMinDuration()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("analytics.windows.1m", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("analytics.windows.1m");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("analytics.price-per-kwh", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("analytics.price-per-kwh");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("inefficiency.min-duration", "0 s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inefficiency.min-duration");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("analytics.windows.1m", "off", "analytics.windows.1h", "off")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one window");
    }
}
