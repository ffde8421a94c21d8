package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationCostModelTest {

    private final MigrationCostModel model = new MigrationCostModel(100.0,
            Map.of("carbon-kr", Map.of("carbon-jp", 0.5), "carbon-jp", Map.of("carbon-kr", 2.0)));

    @Test
    void moveCostsLambdaPlusNetworkCostTimesData() {
        assertThat(model.cost("carbon-kr", "carbon-jp", 50.0)).isEqualTo(125.0);
        assertThat(model.cost("carbon-jp", "carbon-kr", 50.0)).isEqualTo(200.0);
    }

    @Test
    void pairMissingFromTheMatrixCostsOnlyLambda() {
        assertThat(model.cost("carbon-kr", "carbon-cn", 50.0)).isEqualTo(100.0);
    }

    @Test
    void firstPlacementAndStayingCostNothing() {
        assertThat(model.cost(null, "carbon-jp", 50.0)).isZero();
        assertThat(model.cost("carbon-jp", "carbon-jp", 50.0)).isZero();
    }

    @Test
    void energyModelAddsCoresMemoryAndGpusTimesPue() {
        EnergyModel energy = new EnergyModel(30, 0.5, 250, 1.2);
        assertThat(energy.powerWatts(16, 64, 1)).isEqualTo((16 * 30 + 64 * 0.5 + 250) * 1.2);
        assertThat(EnergyModel.energyKwh(480, 30)).isCloseTo(0.24, org.assertj.core.api.Assertions.offset(1e-12));
    }

    @Test
    void aForbiddenMatrixEntryBansTheMoveInsteadOfPricingIt() {
        MigrationCostModel configured = MigrationCostModel.of(new ConfigLoader().load(null, Map.of(
                "migration.network-cost-gco2-per-gb.carbon-cn.carbon-kr", "forbidden",
                "migration.lambda-gco2", "50")).migration());

        assertThat(configured.allowed("carbon-cn", "carbon-kr")).isFalse();
        assertThat(configured.allowed("carbon-kr", "carbon-cn")).isTrue();
        assertThat(configured.allowed("carbon-cn", "carbon-cn")).isTrue();
        assertThat(configured.allowed(null, "carbon-kr")).isTrue();
        // the rest of the row keeps its prices
        assertThat(configured.cost("carbon-cn", "carbon-jp", 10)).isEqualTo(50 + 1.0 * 10);
        assertThat(configured.networkGPerGb().get("carbon-cn")).doesNotContainKey("carbon-kr");
    }

    @Test
    void theDefaultsForbidNothing() {
        MigrationCostModel defaults = MigrationCostModel.of(ConfigLoader.defaults().migration());

        assertThat(defaults.forbidden()).isEmpty();
        assertThat(defaults.cost("carbon-kr", "carbon-jp", 4)).isEqualTo(100 + 0.5 * 4);
    }
}
