package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.audit.AnalyticsFigures;
import io.caspian.events.AlertRuleUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRuleJsonTest {

    private static final List<String> WINDOWS = List.of("1m", "1h");

    private static AlertRuleUpdate parse(String key, String payload) throws InvalidRecordException {
        return AlertRuleJson.parse(key, payload, AnalyticsFigures.all(), WINDOWS);
    }

    @Test
    void readsARuleAndItsRemovals() throws Exception {
        AlertRuleUpdate update = parse("r1", "{\"id\":\"r1\",\"metric\":\"success_rate_pct\",\"comparator\":\"<\","
                + "\"threshold\":90,\"window\":\"1m\",\"severity\":\"HIGH\"}");
        assertThat(update.removal()).isFalse();
        assertThat(update.rule().severity()).isEqualTo("high");
        assertThat(update.rule().scope()).isNull();
        assertThat(update.rule().breached(89.9)).isTrue();
        assertThat(update.rule().breached(90)).isFalse();
        assertThat(parse("r1", null).removal()).isTrue();
        assertThat(parse(null, "{\"id\":\"r1\",\"metric\":\"energy_kwh\",\"comparator\":\">\",\"threshold\":1,\"enabled\":false}")
                .removal()).isTrue();
    }

    @Test
    void refusesAnInvalidRuleWithTheReason() {
        assertThatThrownBy(() -> parse("r1", "{\"metric\":\"no_such_figure\",\"comparator\":\"<\",\"threshold\":1}"))
                .hasMessageContaining("metric").hasMessageContaining("no_such_figure");
        assertThatThrownBy(() -> parse("r1", "{\"metric\":\"energy_kwh\",\"comparator\":\"~\",\"threshold\":1}"))
                .hasMessageContaining("comparator");
        assertThatThrownBy(() -> parse("r1", "{\"metric\":\"energy_kwh\",\"comparator\":\"<\",\"threshold\":1,\"window\":\"5m\"}"))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> parse("r1", "{\"metric\":\"energy_kwh\",\"comparator\":\"<\"}"))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> parse("r1", "{\"id\":\"r2\",\"metric\":\"energy_kwh\",\"comparator\":\"<\",\"threshold\":1}"))
                .hasMessageContaining("key");
        assertThatThrownBy(() -> parse(null, null)).hasMessageContaining("tombstone");
    }
}
