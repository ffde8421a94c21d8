package io.caspian.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is retried, how often, and within which budget. */
class RetryTest {

    @Test
    void noAnswerIsRetriedLikeAServerError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // fabric8 8 reports a refused or cut connection as code -1
        assertThatThrownBy(() -> new Retry(3, Duration.ofMillis(1)).call("list", () -> {
            calls.incrementAndGet();
            throw new KubernetesClientException("Connection refused", -1, null);
        })).isInstanceOfSatisfying(Retry.Failure.class, f -> {
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.unanswered()).isTrue();
            assertThat(f.getMessage()).contains("failed after 3 attempt(s)").contains("Connection refused");
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    void noAttemptStartsAfterTheBudget() {
        AtomicInteger calls = new AtomicInteger();
        Retry budgeted = new Retry(5, Duration.ofMillis(1), Duration.ofMillis(50));
        assertThatThrownBy(() -> budgeted.call("list", () -> {
            calls.incrementAndGet();
            Thread.sleep(60); // as long as a request that times out
            throw new KubernetesClientException("timeout", -1, null);
        })).isInstanceOfSatisfying(Retry.Failure.class, f -> assertThat(f.attempts()).isEqualTo(1));
        assertThat(calls).hasValue(1);
    }

    @Test
    void anAnsweredErrorIsNotUnanswered() {
        assertThatThrownBy(() -> new Retry(2, Duration.ofMillis(1)).call("create", () -> {
            throw new KubernetesClientException("etcd is down", 500, null);
        })).isInstanceOfSatisfying(Retry.Failure.class, f -> {
            assertThat(f.unanswered()).isFalse();
            assertThat(f.getMessage()).contains("HTTP 500");
        });
    }
}
