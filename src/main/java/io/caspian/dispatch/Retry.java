package io.caspian.dispatch;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.Serializable;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Retries a Kubernetes API call with exponential back-off when the failure may pass (server errors,
 * throttling, no connection); a refusal that will not change (invalid object, forbidden) is not
 * retried.
 */
public final class Retry implements Serializable {

    private static final int TOO_MANY_REQUESTS = 429;

    private final int attempts;
    private final Duration initialBackoff;

    public Retry(int attempts, Duration initialBackoff) {
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
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
    }

    public <T> Result<T> call(String what, Callable<T> call) throws Failure, InterruptedException {
        long backoff = initialBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return new Result<>(call.call(), attempt);
            } catch (KubernetesClientException e) {
                if (attempt >= attempts || !retriable(e)) {
                    throw new Failure(what, attempt, e);
                }
            } catch (Exception e) {
                throw new Failure(what, attempt, e);
            }
            Thread.sleep(backoff);
            backoff *= 2;
        }
    }

    /** Code 0 means no HTTP answer at all (connection refused, timeout). */
    static boolean retriable(KubernetesClientException e) {
        int code = e.getCode();
        return code == 0 || code == TOO_MANY_REQUESTS || code >= HttpURLConnection.HTTP_INTERNAL_ERROR;
    }

    static String describe(Exception e) {
        if (e instanceof KubernetesClientException k && k.getCode() != 0) {
            return "HTTP " + k.getCode() + " " + k.getMessage();
        }
        return e.toString();
    }
}
