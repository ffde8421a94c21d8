package io.caspian.dispatch;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.Serializable;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Retries a Kubernetes API call with exponential back-off when the failure may pass (server errors,
 * throttling, no connection); a refusal that will not change (invalid object, forbidden) is not
 * retried. With a budget, no attempt starts later than the budget after the first: an API that lets
 * each request time out is not asked again and again while the dispatcher's one thread waits on it.
 */
public final class Retry implements Serializable {

    private static final int TOO_MANY_REQUESTS = 429;

    private final int attempts;
    private final Duration initialBackoff;
    private final Duration budget;

    /** Retries without a budget: all {@code attempts}, however long each takes. */
    public Retry(int attempts, Duration initialBackoff) {
        this(attempts, initialBackoff, null);
    }

    /** @param budget how long after the first attempt another may still start; null for no limit */
    public Retry(int attempts, Duration initialBackoff, Duration budget) {
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
        this.budget = budget;
    }

    /** The call's result and how many attempts it took. */
    public record Result<T>(T value, int attempts) {}

    /** Thrown when the call failed for good; carries the attempts made. */
    public static final class Failure extends Exception {
        private final int attempts;

        Failure(String what, int attempts, Exception cause) {
            super(what + " failed after " + attempts + " attempt(s): " + describe(cause), cause);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }

        /** Whether the last attempt got no HTTP answer at all. */
        public boolean unanswered() {
            return getCause() instanceof KubernetesClientException k && Retry.unanswered(k);
        }
    }

    /** The same back-off, with a single attempt. */
    public Retry once() {
        return new Retry(1, initialBackoff, budget);
    }

    public <T> Result<T> call(String what, Callable<T> call) throws Failure, InterruptedException {
        long backoff = initialBackoff.toMillis();
        long first = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return new Result<>(call.call(), attempt);
            } catch (KubernetesClientException e) {
                boolean inBudget = budget == null || System.nanoTime() - first + backoff * 1_000_000L <= budget.toNanos();
                if (attempt >= attempts || !retriable(e) || !inBudget) {
                    throw new Failure(what, attempt, e);
                }
            } catch (Exception e) {
                throw new Failure(what, attempt, e);
            }
            Thread.sleep(backoff);
            backoff *= 2;
        }
    }

    /**
     * Whether the call got no HTTP answer at all (connection refused or cut, timeout): fabric8 reports
     * that as code -1 (earlier versions as 0), never as an HTTP status.
     */
    static boolean unanswered(KubernetesClientException e) {
        return e.getCode() <= 0;
    }

    static boolean retriable(KubernetesClientException e) {
        int code = e.getCode();
        return unanswered(e) || code == TOO_MANY_REQUESTS || code >= HttpURLConnection.HTTP_INTERNAL_ERROR;
    }

    static String describe(Exception e) {
        if (e instanceof ApiBreaker.Shut) {
            return e.getMessage();
        }
        if (e instanceof KubernetesClientException k && !unanswered(k)) {
            return "HTTP " + k.getCode() + " " + k.getMessage();
        }
        return e.toString();
    }
}
