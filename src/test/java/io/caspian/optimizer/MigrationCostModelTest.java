package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationCostModelTest {

    @Test
    void aForbiddenMatrixEntryBansTheMoveInsteadOfPricingIt() {
        MigrationCostModel model = MigrationCostModel.of(new ConfigLoader().load(null, Map.of(
                "migration.network-cost-gco2-per-gb.carbon-cn.carbon-kr", "forbidden",
                "migration.lambda-gco2", "50")).migration());

        assertThat(model.allowed("carbon-cn", "carbon-kr")).isFalse();
        assertThat(model.allowed("carbon-kr", "carbon-cn")).isTrue();
        assertThat(model.allowed("carbon-cn", "carbon-cn")).isTrue();
        assertThat(model.allowed(null, "carbon-kr")).isTrue();
        // the rest of the row keeps its prices
        assertThat(model.cost("carbon-cn", "carbon-jp", 10)).isEqualTo(50 + 1.0 * 10);
        assertThat(model.networkGPerGb().get("carbon-cn")).doesNotContainKey("carbon-kr");
    }

    @Test
    void theDefaultsForbidNothing() {
        MigrationCostModel model = MigrationCostModel.of(ConfigLoader.defaults().migration());

        assertThat(model.forbidden()).isEmpty();
        assertThat(model.cost("carbon-kr", "carbon-jp", 4)).isEqualTo(100 + 0.5 * 4);
    }
}
