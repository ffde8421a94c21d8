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
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("kubernetes.outcome-timeout", "5 min")))
                .hasMessageContaining("kubernetes.outcome-timeout (300 s) must be longer than kubernetes.migration-start-timeout (300 s)");
    }

    @Test
    void theQuietAfterDataIsTheIdlenessUnlessSetApart() {
        CaspianConfig.Watermarks shipped = ConfigLoader.defaults().watermarks();
        assertThat(shipped.idlenessAfterData()).isEqualTo(shipped.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new ConfigLoader().load(null, Map.of("watermarks.idleness", "10 min")).watermarks().idlenessAfterData())
                .isEqualTo(Duration.ofMinutes(10));
        CaspianConfig.Watermarks apart = new ConfigLoader().load(null, Map.of("watermarks.idleness", "10 min",
                "watermarks.idleness-after-data", "2 s")).watermarks();
        assertThat(apart.idleness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(apart.idlenessAfterData()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("watermarks.idleness-after-data", "0 s")))
                .hasMessageContaining("watermarks.idleness-after-data must be positive");
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

    @Test
    void aMistypedKeyStopsTheStartAndNamesTheNearestValidKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("migration.lamda-gco2", "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key migration.lamda-gco2")
                .hasMessageContaining("did you mean migration.lambda-gco2?");
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "scheduler:\n  intervall: 10 min\n");
        assertThatThrownBy(() -> new ConfigLoader().load(file, Map.of()))
                .hasMessageContaining("unknown configuration key scheduler.intervall (" + file + ")")
                .hasMessageContaining("did you mean scheduler.interval?");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("schedular.interval", "1 min")))
                .hasMessageContaining("did you mean scheduler?");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("scheduler.interval.unit", "1")))
                .hasMessageContaining("scheduler.interval is a single value");
    }

    @Test
    void openMappingsTakeTheUsersOwnNames() {
        CaspianConfig config = new ConfigLoader().load(null, Map.of("kafka.properties.security.protocol", "SASL_SSL",
                "analytics.windows.5m", "5 min", "migration.network-cost-gco2-per-gb.dc-a.dc-b", "1"));
        assertThat(config.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.audit().analyticsWindows()).containsKey("5m");
    }

    @Test
    void booleansReadAlikeFromAFileAndTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "kubernetes:\n  enabled: on\n");
        assertThat(new ConfigLoader().load(file, Map.of()).kubernetes().enabled()).isTrue();
        assertThat(new ConfigLoader().load(null, Map.of("kubernetes.enabled", "on")).kubernetes().enabled()).isTrue();
        assertThat(new ConfigLoader().load(null, Map.of("kubernetes.enabled", "No")).kubernetes().enabled()).isFalse();
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("kubernetes.enabled", "1")))
                .hasMessageContaining("kubernetes.enabled must be true or false, got '1'");
    }

    @Test
    void limitsHaveDocumentedDefaults() {
        CaspianConfig.Limits limits = ConfigLoader.defaults().limits();
        assertThat(limits.payloadBytes()).isEqualTo(1024 * 1024);
        assertThat(limits.futureSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(limits.earliestEventTime()).isEqualTo(java.time.Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(limits.outputRecordBytes()).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("limits.id-length", "0")))
                .hasMessageContaining("limits.id-length must be at least 1");
    }
}
