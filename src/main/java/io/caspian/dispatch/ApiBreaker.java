package io.caspian.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which clusters' APIs have stopped answering, per kubeconfig context, so that the dispatcher does not
 * spend its retries on every request to an API that is down. The dispatcher works on one thread per
 * subtask: requests that each waited out their retries against a dead API would pile up in the async
 * queue and, once it is full, hold back the placements and with them the rounds and every Kafka output.
 * A call that got no answer at all after its retries (refused, cut, timed out) marks its API down. While
 * it is down a request that needs it fails at once, without a call ({@link Shut}, reported as
 * {@code kubernetes_api_unreachable}, which the rounds retry with their back-off), except one request
 * every {@link #PROBE_INTERVAL}, which tries with a single attempt. An answer of any kind, even an
 * error, marks the API up again.
 */
public final class ApiBreaker {

    /** How often a request tries an API that is down: often enough to notice its return within a round or two. */
    public static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

    /** How a request may call an API. */
    public enum Pass {
        /** The API answers: calls with all their retries. */
        CALL,
        /** The API is down and a probe is due: a single attempt. */
        PROBE,
        /** The API is down: no call. */
        SHUT
    }

    /** Thrown instead of calling an API that is down. */
    public static final class Shut extends Exception {
        Shut(String context, long downSinceMillis, long nextProbeMillis) {
            super("the API of context " + context + " has not answered since " + Instant.ofEpochMilli(downSinceMillis)
                    + "; not called, tried again from " + Instant.ofEpochMilli(nextProbeMillis));
        }
    }

    private record Down(long sinceMillis, long nextProbeMillis) {}

    private final Map<String, Down> down = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public ApiBreaker(LongSupplier clock) {
        this.clock = clock;
    }

    /** How the next call to {@code context} may go; a probe handed out pushes the next one back by the interval. */
    public Pass pass(String context) {
        Down now = down.get(context);
        if (now == null) {
            return Pass.CALL;
        }
        long at = clock.getAsLong();
        if (at < now.nextProbeMillis()) {
            return Pass.SHUT;
        }
        down.put(context, new Down(now.sinceMillis(), at + PROBE_INTERVAL.toMillis()));
        return Pass.PROBE;
    }

    /** The failure of a request that {@link #pass} shut out. */
    public Shut shut(String context) {
        Down now = down.get(context);
        long at = clock.getAsLong();
        return now == null ? new Shut(context, at, at) : new Shut(context, now.sinceMillis(), now.nextProbeMillis());
    }

    /** The API answered (success or an HTTP error): it is up. */
    public void answered(String context) {
        down.remove(context);
    }

    /** A call got no answer after its attempts: the API is down, probed again after the interval. */
    public void unanswered(String context) {
        long at = clock.getAsLong();
        down.merge(context, new Down(at, at + PROBE_INTERVAL.toMillis()),
                (was, now) -> new Down(was.sinceMillis(), now.nextProbeMillis()));
    }
}
