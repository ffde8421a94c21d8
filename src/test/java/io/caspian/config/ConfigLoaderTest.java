package io.caspian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void packagedDefaultsMatchTheSeed() {
        CaspianConfig config = ConfigLoader.defaults();
        assertThat(config.scheduler().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.migration().lambdaGco2()).isEqualTo(100.0);
        assertThat(config.energy().wattsPerCore()).isEqualTo(30.0);
        assertThat(config.topics().deadLetter()).isEqualTo("caspian.dead-letter");
    }

    @Test
    void commandLineOverridesWinOverTheFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "scheduler:\n  interval: 10 min\nmigration:\n  lambda-gco2: 50\n");
        CaspianConfig config = new ConfigLoader().load(file, Map.of("migration.lambda-gco2", "75",
                "migration.network-cost-gco2-per-gb.carbon-kr.carbon-us", "3.5"));
        assertThat(config.scheduler().interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.migration().lambdaGco2()).isEqualTo(75.0);
        assertThat(config.migration().networkCostGco2PerGb().get("carbon-kr"))
                .containsEntry("carbon-us", 3.5).containsEntry("carbon-jp", 0.5);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("scheduler.interval", "often")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scheduler.interval");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("energy.pue", "0.8")))
                .hasMessageContaining("energy.pue must be at least 1.0");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("migration.network-cost-gco2-per-gb.a.b", "-1")))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void secretsComeFromTheEnvironmentAndAreNeverPrinted() {
        ConfigLoader loader = new ConfigLoader(name -> name.equals("KAFKA_PASSWORD") ? "s3cret" : null);
        CaspianConfig config = loader.load(null, Map.of("kafka.properties.sasl.jaas.config", "${KAFKA_PASSWORD}"));
        assertThat(config.kafka().properties()).containsEntry("sasl.jaas.config", "s3cret");
        assertThat(config.kafka().toString()).doesNotContain("s3cret").contains("sasl.jaas.config");
        assertThatThrownBy(() -> loader.load(null, Map.of("kafka.properties.token", "${MISSING}")))
                .hasMessageContaining("MISSING");
    }
}
