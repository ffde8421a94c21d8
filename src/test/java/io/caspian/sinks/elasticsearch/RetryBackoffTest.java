package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void ceilingDoublesPerFailureUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(4)).isEqualTo(800);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(1000);
        assertThat(backoff.ceilingMillis(200)).isEqualTo(1000);
    }

    @Test
    void delaysStayUnderTheCeilingAndASuccessStartsOver() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int failure = 1; failure <= 10; failure++) {
            assertThat(backoff.nextDelayMillis()).isBetween(0L, backoff.ceilingMillis(failure));
        }
        assertThat(backoff.consecutiveFailures()).isEqualTo(10);
        backoff.reset();
        assertThat(backoff.consecutiveFailures()).isZero();
        assertThat(backoff.nextDelayMillis()).isBetween(0L, 100L);
    }
}
