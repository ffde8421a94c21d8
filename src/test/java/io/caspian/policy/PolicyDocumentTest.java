package io.caspian.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.events.PolicyChange;
import io.caspian.events.PolicyDocument;
import io.caspian.events.json.InvalidRecordException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy documents: their shape, their values held to the configuration's own checks, and the book of versions. */
class PolicyDocumentTest {

    private static final CaspianConfig BASE = new ConfigLoader().load(null, Map.of("scheduler.domains.asia", "carbon-kr,carbon-jp"));

    private static String document(long version, String scope, String settings) {
        return "{\"version\":" + version + ",\"scope\":\"" + scope + "\",\"timestamp\":\"2026-12-01T10:00:00Z\","
                + "\"source\":\"ops\",\"reason\":\"test\",\"settings\":" + settings + "}";
    }

    private static PolicyDocument checked(String payload) throws InvalidRecordException {
        return PolicyDocumentJson.parser(BASE).parse(payload);
    }

    @Test
    void sectionsAndDottedKeysReadAlike() throws Exception {
        PolicyDocument nested = checked(document(3, "global", "{\"migration\":{\"lambda-gco2\":800},\"scheduler\":{\"solver\":\"greedy\"}}"));
        PolicyDocument dotted = checked(document(3, "global", "{\"migration.lambda-gco2\":800,\"scheduler.solver\":\"greedy\"}"));
        assertThat(nested.settings()).isEqualTo(dotted.settings())
                .containsEntry("migration.lambda-gco2", "800").containsEntry("scheduler.solver", "\"greedy\"");
        assertThat(PolicyKeys.apply(BASE, nested.settings()).migration().lambdaGco2()).isEqualTo(800.0);
        assertThat(PolicyKeys.apply(BASE, nested.settings()).scheduler().solver()).isEqualTo(CaspianConfig.SolverChoice.GREEDY);
        // what a policy does not name stays as configured
        assertThat(PolicyKeys.apply(BASE, nested.settings()).carbon()).isEqualTo(BASE.carbon());
    }

    @Test
    void valuesAreHeldToTheConfigurationsOwnChecks() {
        assertThatThrownBy(() -> checked(document(1, "global", "{\"migration\":{\"lambda-gco2\":-5}}")))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("migration.lambda-gco2")
                .hasMessageContaining("-5").extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo("invalid_policy");
        assertThatThrownBy(() -> checked(document(1, "global", "{\"carbon\":{\"max-age\":\"soon\"}}")))
                .hasMessageContaining("carbon.max-age must be a duration");
        assertThatThrownBy(() -> checked(document(1, "global", "{\"scheduler\":{\"solver\":\"quantum\"}}")))
                .hasMessageContaining("scheduler.solver must be one of");
        assertThatThrownBy(() -> checked(document(1, "global",
                "{\"migration\":{\"network-cost-gco2-per-gb\":{\"carbon-kr\":{\"carbon-jp\":-1}}}}")))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void onlyPolicyKeysAndKnownScopes() {
        assertThatThrownBy(() -> checked(document(1, "global", "{\"migration\":{\"lamda-gco2\":5}}")))
                .hasMessageContaining("not a policy key").hasMessageContaining("did you mean migration.lambda-gco2");
        assertThatThrownBy(() -> checked(document(1, "global", "{\"scheduler\":{\"interval\":\"1 min\"}}")))
                .as("structural keys need a restart").hasMessageContaining("scheduler.interval is not a policy key");
        assertThatThrownBy(() -> checked(document(1, "domain:europe", "{\"migration\":{\"lambda-gco2\":5}}")))
                .hasMessageContaining("names no scheduling domain").hasMessageContaining("asia");
        assertThatThrownBy(() -> checked(document(1, "team:x", "{\"migration\":{\"lambda-gco2\":5}}")))
                .hasMessageContaining("'tenant:<name>' or 'label:<name>=<value>'");
        assertThatThrownBy(() -> checked(document(0, "global", "{\"migration\":{\"lambda-gco2\":5}}")))
                .hasMessageContaining("caspian.yaml is version 0");
        assertThatThrownBy(() -> checked(document(1, "global", "{}"))).hasMessageContaining("names no key");
    }

    @Test
    void tenantsAndLabelsSetOnlyWhatIsDecidedPerWorkload() throws Exception {
        assertThat(checked(document(1, "tenant:acme", "{\"migration\":{\"lambda-gco2\":5}}")).workloadScoped()).isTrue();
        assertThat(checked(document(1, "label:team=ml", "{\"baseline\":{\"home-cluster\":\"carbon-kr\"}}")).scope())
                .isEqualTo("label:team=ml");
        assertThatThrownBy(() -> checked(document(1, "tenant:acme", "{\"scheduler\":{\"solver\":\"greedy\"}}")))
                .hasMessageContaining("decided for a whole round of a domain");
        assertThatThrownBy(() -> checked(document(1, "label:team", "{\"migration\":{\"lambda-gco2\":5}}")))
                .hasMessageContaining("'label:<name>=<value>'");

        PolicyBook book = new PolicyBook();
        book.take(checked(document(1, "global", "{\"migration\":{\"lambda-gco2\":800}}")), BASE, 0);
        book.take(checked(document(2, "tenant:acme", "{\"migration\":{\"lambda-gco2\":5}}")), BASE, 0);
        book.take(checked(document(3, "label:team=ml", "{\"migration\":{\"lambda-gco2\":7}}")), BASE, 0);
        var plain = new io.caspian.events.WorkloadSpec(1, 1, 0, 0, 60, 120, java.util.List.of(), null, java.util.List.of(), null);
        var acme = new io.caspian.events.WorkloadSpec(1, 1, 0, 0, 60, 120, java.util.List.of(), null, java.util.List.of(), null,
                "acme", Map.of());
        var acmeMl = new io.caspian.events.WorkloadSpec(1, 1, 0, 0, 60, 120, java.util.List.of(), null, java.util.List.of(), null,
                "acme", Map.of("team", "ml"));
        assertThat(book.settingsFor("default", plain)).containsEntry("migration.lambda-gco2", "800");
        assertThat(book.versionFor("default", plain)).isEqualTo(1);
        assertThat(book.settingsFor("default", acme)).containsEntry("migration.lambda-gco2", "5");
        assertThat(book.versionFor("default", acme)).isEqualTo(2);
        assertThat(book.settingsFor("default", acmeMl)).as("a label is more specific than a tenant")
                .containsEntry("migration.lambda-gco2", "7");
        assertThat(book.versionFor("default", acmeMl)).isEqualTo(3);
        assertThat(WorkloadPolicyBook.of(book, "default", BASE).migration(plain)).as("the domain's own").isNull();
        assertThat(WorkloadPolicyBook.of(book, "default", BASE).migration(acme).lambdaG()).isEqualTo(5.0);
    }

    @Test
    void aWrittenDocumentReadsBackTheSame() throws Exception {
        PolicyDocument original = checked(document(7, "domain:asia",
                "{\"migration\":{\"network-cost-gco2-per-gb\":{\"carbon-kr\":{\"carbon-jp\":\"forbidden\"}}},"
                        + "\"kubernetes\":{\"image-allowlist\":[\"registry.example/\"]}}"));
        assertThat(PolicyDocumentJson.parse(PolicyDocumentJson.write(original))).isEqualTo(original);
    }

    @Test
    void theBookTakesRisingVersionsAndNamesEachChangedKeyAtItsScope() throws Exception {
        PolicyBook book = new PolicyBook();
        PolicyDocument global = checked(document(1, "global", "{\"migration\":{\"lambda-gco2\":800},\"scheduler\":{\"solver\":\"greedy\"}}"));
        PolicyChange first = book.take(global, BASE, 1_000);
        assertThat(first.previousVersion()).isZero();
        assertThat(first.changes()).extracting(PolicyChange.Change::key).containsExactly("migration.lambda-gco2", "scheduler.solver");
        assertThat(first.changes().get(0).oldValue()).isEqualTo(Double.toString(BASE.migration().lambdaGco2()));
        assertThat(first.changes().get(0).newValue()).isEqualTo("800.0");

        PolicyDocument asia = checked(document(2, "domain:asia", "{\"migration\":{\"lambda-gco2\":5}}"));
        PolicyChange second = book.take(asia, BASE, 2_000);
        assertThat(second.previousVersion()).as("asia planned under the global version").isEqualTo(1);
        assertThat(second.changes()).singleElement().satisfies(c -> {
            assertThat(c.oldValue()).isEqualTo("800.0");
            assertThat(c.newValue()).isEqualTo("5.0");
        });
        assertThat(book.versionFor("asia")).isEqualTo(2);
        assertThat(book.versionFor("default")).isEqualTo(1);
        assertThat(PolicyKeys.apply(BASE, book.settingsFor("asia")).migration().lambdaGco2()).isEqualTo(5.0);
        assertThat(PolicyKeys.apply(BASE, book.settingsFor("asia")).scheduler().solver()).isEqualTo(CaspianConfig.SolverChoice.GREEDY);
        assertThat(PolicyKeys.apply(BASE, book.settingsFor("default")).migration().lambdaGco2()).isEqualTo(800.0);

        // a new global document replaces the old one as a whole: the solver returns to caspian.yaml's
        PolicyChange third = book.take(checked(document(3, "global", "{\"migration\":{\"lambda-gco2\":900}}")), BASE, 3_000);
        assertThat(third.changes()).extracting(PolicyChange.Change::key).containsExactly("migration.lambda-gco2", "scheduler.solver");
        assertThat(book.versionFor("asia")).isEqualTo(3);
        assertThat(PolicyKeys.apply(BASE, book.settingsFor("asia")).migration().lambdaGco2()).as("the domain's own wins").isEqualTo(5.0);

        assertThat(book.refusal(checked(document(3, "domain:asia", "{\"migration\":{\"lambda-gco2\":1}}"))))
                .contains("not above the latest version taken, 3");
        assertThat(book.refusal(checked(document(4, "global", "{\"migration\":{\"lambda-gco2\":1}}")))).isNull();
    }

    @Test
    void everyPolicyKeyHasAValueToCompare() {
        assertThat(PolicyKeys.values(BASE).keySet()).containsExactlyInAnyOrderElementsOf(PolicyKeys.ALL);
        // each rendered value reads back into the same configuration
        assertThat(PolicyKeys.apply(BASE, PolicyKeys.values(BASE))).isEqualTo(BASE);
    }
}
