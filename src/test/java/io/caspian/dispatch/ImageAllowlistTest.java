package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caspian.config.ConfigException;
import io.caspian.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each kind of allowlist entry admits, and how the configuration spells the list. */
class ImageAllowlistTest {

    @Test
    void aPathEntryAdmitsWhatIsUnderItAndNothingBeside() {
        ImageAllowlist list = ImageAllowlist.of("registry.example.com/ml/");
        assertThat(list.allows("registry.example.com/ml/trainer:1.2")).isTrue();
        assertThat(list.allows("registry.example.com/ml/team/etl@sha256:abc")).isTrue();
        assertThat(list.allows("registry.example.com/ml-untrusted/trainer:1.2")).isFalse();
        assertThat(list.allows("registry.example.com/mltrainer")).isFalse();
    }

    @Test
    void aTrailingStarIsAPrefixAndAnyOtherEntryIsExact() {
        ImageAllowlist list = ImageAllowlist.of("python:3.11*", "busybox:1.36");
        assertThat(list.allows("python:3.11-slim")).isTrue();
        assertThat(list.allows("python:3.12-slim")).isFalse();
        assertThat(list.allows("busybox:1.36")).isTrue();
        assertThat(list.allows("busybox:1.36-evil")).isFalse();
        assertThat(list.allows("docker.io/library/busybox:1.36")).as("no normalisation").isFalse();
        assertThat(list.allows(null)).isFalse();
    }

    @Test
    void anEmptyListAdmitsNothing() {
        assertThat(new ImageAllowlist(List.of()).allows("busybox:1.36")).isFalse();
        assertThat(ConfigLoader.defaults().kubernetes().imageAllowlist().entries()).as("the packaged default").isEmpty();
    }

    @Test
    void readFromTheCommandLineAsACommaSeparatedList() {
        ImageAllowlist list = new ConfigLoader().load(null, Map.of("kubernetes.image-allowlist",
                "registry.example.com/ml/, python:3.11-slim")).kubernetes().imageAllowlist();
        assertThat(list.entries()).containsExactly("registry.example.com/ml/", "python:3.11-slim");
    }

    @Test
    void aStarInsideAnEntryOrAloneIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("kubernetes.image-allowlist", "registry/*/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kubernetes.image-allowlist")
                .hasMessageContaining("registry/*/x");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("kubernetes.image-allowlist", "*")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("every image");
    }
}
