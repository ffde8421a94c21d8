package io.caspian.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.ConfigException;
import io.caspian.replay.ReplayOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void modeOptionsAndConfigurationKeysAreToldApart() {
        Main.Arguments args = Main.Arguments.parse(new String[] {"create-topics", "--replication", "3", "--kafka.group-id=g"});
        args.checkModeOptions();
        assertThat(args.configOverrides()).containsExactly(Map.entry("kafka.group-id", "g"));
    }

    @Test
    void anOptionTheModeDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> Main.Arguments.parse(new String[] {"demo", "--replication=3"}).checkModeOptions())
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option --replication for mode demo");
        assertThatThrownBy(() -> Main.Arguments.parse(new String[] {"demo", "--replay.zones=KR"}).checkModeOptions())
                .hasMessageContaining("belongs to mode replay");
    }

    @Test
    void aMistypedBackTestOptionIsRefused() {
        assertThatThrownBy(() -> ReplayOptions.from(Map.of("replay.carbon-file", "x.csv", "replay.zones", "KR",
                "replay.zone", "JP"))).hasMessageContaining("unknown back-test option --replay.zone; did you mean replay.zones?");
        assertThatThrownBy(() -> ReplayOptions.from(Map.of("replay.carbon-file", "x.csv", "replay.zones", "KR",
                "replay.hourly", "yes please"))).hasMessageContaining("replay.hourly must be true or false");
    }

    @Test
    void theCommandLineRefusesATypoBeforeAnythingRuns() throws Exception {
        assertThat(Main.run(new String[] {"demo", "--migration.lamda-gco2=1000"})).isEqualTo(2);
    }
}
