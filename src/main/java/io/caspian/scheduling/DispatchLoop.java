package io.caspian.scheduling;

import io.caspian.config.CaspianConfig;
import io.caspian.events.DispatchFeedback;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadPhase;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;

/**
 * What the dispatcher's outcomes do to a workload in the placement rounds (with dispatch on; with it
 * off nothing here is ever set, and the rounds plan as if every dispatch succeeded).
 *
 * <p>When a round dispatches a workload or moves it, the workload awaits the outcome of that round's
 * dispatch, and is not moved again until it comes. {@code dispatched} settles it. {@code dispatch_failed}
 * about a first start puts it back to pending, to be planned again after a back-off that doubles with
 * each failure; after {@code kubernetes.dispatch-attempts} failures it ends {@code failed} with the last
 * reason. {@code dispatch_failed} about a move puts it back on the cluster it was leaving, where its Job
 * kept running, and it is not moved again before the back-off has passed. An outcome about any other
 * round than the awaited one (a repeat after a restart, or one overtaken by a later plan) changes nothing.
 * One that has not come {@code kubernetes.outcome-timeout} after its round fails the dispatch
 * ({@link #timedOut}).
 */
public final class DispatchLoop {

    /** The dispatch settings the rounds need, from {@code kubernetes.*}. */
    public record Settings(boolean enabled, int attempts, long backoffMillis, long outcomeTimeoutMillis) implements Serializable {

        public static Settings of(CaspianConfig config) {
            CaspianConfig.Kubernetes k = config.kubernetes();
            return new Settings(k.enabled() && k.awaitOutcomes(), k.dispatchAttempts(), k.dispatchRetryBackoff().toMillis(),
                    k.outcomeTimeout().toMillis());
        }
    }

    /** The reason of a dispatch whose outcome did not come within {@code kubernetes.outcome-timeout}. */
    public static final String NO_OUTCOME = "no_outcome";

    /** The longest back-off doubling: past it the wait stays at backoff × 2^20. */
    private static final int MAX_DOUBLINGS = 20;

    private DispatchLoop() {}

    /** The planner dispatched it (source null) or moved it away from {@code source} at this round. */
    static void dispatchedAt(WorkloadState w, long round, String source, Settings settings) {
        if (settings.enabled()) {
            w.awaitedDispatchMillis = round;
            w.moveSource = source;
        }
    }

    /**
     * The planner found its cluster gone and made it pending: no outcome is awaited any more, and a back-off
     * from failed moves (which may last until its deadline) must not keep it from being restarted elsewhere.
     */
    static void forgetDispatch(WorkloadState w) {
        w.awaitedDispatchMillis = null;
        w.moveSource = null;
        w.retryAtMillis = null;
        w.dispatchFailures = 0;
        w.dispatchFailure = null;
    }

    /**
     * Applies a dispatch outcome.
     *
     * @return null when it was taken, else why it changed nothing
     */
    public static String take(WorkloadState w, WorkloadEvent outcome, Settings settings) {
        DispatchFeedback feedback = outcome.dispatch();
        Long round = feedback == null ? null : feedback.roundMillis();
        if (round == null || !round.equals(w.awaitedDispatchMillis)) {
            return "an outcome of the dispatch at " + instant(round) + ", while " + (w.awaitedDispatchMillis == null
                    ? "none is awaited" : "the one at " + instant(w.awaitedDispatchMillis) + " is awaited");
        }
        w.awaitedDispatchMillis = null;
        if (outcome.action() == WorkloadAction.DISPATCHED) {
            w.moveSource = null;
            w.dispatchFailures = 0;
            w.retryAtMillis = null;
            w.dispatchFailure = null;
            return null;
        }
        failed(w, round, outcome.timestampMillis(), feedback.reason() + " on " + outcome.cluster() + ": " + feedback.detail(),
                settings);
        return null;
    }

    /**
     * A dispatch whose outcome has not come {@code kubernetes.outcome-timeout} after its round (in event
     * time, so a replay of the same inputs decides alike) counts as failed, with reason {@link #NO_OUTCOME},
     * as of the moment it was due: the workload is not pinned for ever when the outcomes topic is not
     * read back, or its record was lost. An outcome that comes later is about a dispatch no longer awaited,
     * and changes nothing.
     *
     * @return whether it timed out at this round
     */
    public static boolean timedOut(WorkloadState w, long round, Settings settings) {
        if (!settings.enabled() || w.awaitedDispatchMillis == null) {
            return false;
        }
        long awaited = w.awaitedDispatchMillis;
        long due = awaited + settings.outcomeTimeoutMillis();
        if (round < due) {
            return false;
        }
        w.awaitedDispatchMillis = null;
        failed(w, awaited, due, NO_OUTCOME + " on " + w.cluster + ": no outcome of the dispatch at " + instant(awaited)
                + " within " + settings.outcomeTimeoutMillis() / 1000 + " s (is topics.dispatch-outcomes read back?)", settings);
        return true;
    }

    /** The dispatch of {@code round} failed, as known at {@code atMillis}: back to pending, or back on a move's source. */
    private static void failed(WorkloadState w, long round, long atMillis, String failure, Settings settings) {
        w.dispatchFailures++;
        w.dispatchFailure = failure;
        w.retryAtMillis = atMillis + backoffMillis(settings, w.dispatchFailures);
        // the next plan and decision are published even when they repeat the failed dispatch's, so it is dispatched again
        w.lastDecisionKey = null;
        w.lastPublishedKey = null;
        if (w.moveSource != null) {
            w.cluster = w.moveSource;
            w.moveSource = null;
            w.migrations = Math.max(0, w.migrations - 1);
            if (w.dispatchFailures >= settings.attempts()) {
                w.retryAtMillis = w.deadlineMillis; // no further move: it finishes where it runs
            }
            return;
        }
        w.phase = WorkloadPhase.PENDING;
        w.cluster = null;
        w.runningSinceMillis = null;
        if (w.scheduledAtMillis != null && round == w.scheduledAtMillis) {
            w.scheduledAtMillis = null; // it was never started: its start is the dispatch that succeeds
        }
        if (w.dispatchFailures >= settings.attempts()) {
            w.phase = WorkloadPhase.FAILED;
            w.endedMillis = atMillis;
            w.retryAtMillis = null;
        }
    }

    /**
     * A cluster reports the workload's Job running: on its current cluster that confirms a first start,
     * and a pod start after the round that dispatched it is when its run really began.
     */
    public static void running(WorkloadState w, WorkloadEvent report) {
        if (report.cluster() == null || !report.cluster().equals(w.cluster) || w.phase != WorkloadPhase.RUNNING) {
            return;
        }
        Long podStart = report.dispatch() == null ? null : report.dispatch().jobStartMillis();
        if (podStart != null) {
            w.jobStartMillis = podStart;
            boolean firstSegment = w.ranMinutesBefore == 0 && w.migrations == 0;
            if (firstSegment && w.runningSinceMillis != null && podStart > w.runningSinceMillis) {
                w.runningSinceMillis = podStart;
            }
        }
        if (w.moveSource == null && w.awaitedDispatchMillis != null) {
            w.awaitedDispatchMillis = null;
            w.dispatchFailures = 0;
            w.dispatchFailure = null;
            w.retryAtMillis = null;
        }
    }

    /** Whether a completion reported by {@code cluster} is its own: its cluster, or the source of a move not yet confirmed. */
    public static boolean reportsFor(WorkloadState w, String cluster) {
        return cluster == null || w.cluster == null || cluster.equals(w.cluster) || cluster.equals(w.moveSource);
    }

    /**
     * A cluster reported the workload ended (completed, failed, cancelled). Reported by the source of a move
     * not confirmed yet, it ended there: that is its cluster, and the move's outcome no longer matters.
     */
    public static void ended(WorkloadState w, String cluster) {
        if (cluster != null && cluster.equals(w.moveSource)) {
            w.cluster = cluster;
            w.moveSource = null;
            w.awaitedDispatchMillis = null;
        }
    }

    /** Why a pending workload is not planned at this round (its back-off), or null when it is. */
    static String backingOff(WorkloadState w, long round) {
        if (w.phase != WorkloadPhase.PENDING || w.retryAtMillis == null || round >= w.retryAtMillis) {
            return null;
        }
        return String.format(Locale.ROOT, "dispatch %d failed (%s); planned again from %s", w.dispatchFailures,
                w.dispatchFailure, instant(w.retryAtMillis));
    }

    /** Whether a running workload must stay where it is at this round: its dispatch awaited, or a failed move's back-off. */
    static boolean pinned(WorkloadState w, long round) {
        return w.phase == WorkloadPhase.RUNNING
                && (w.awaitedDispatchMillis != null || (w.retryAtMillis != null && round < w.retryAtMillis));
    }

    /** Why a running workload was kept where it is, when a failed move is the reason; null otherwise. */
    static String keptAfterFailedMove(WorkloadState w, long round) {
        if (w.phase != WorkloadPhase.RUNNING || w.dispatchFailure == null || w.retryAtMillis == null || round >= w.retryAtMillis) {
            return null;
        }
        return "kept on " + w.cluster + ": its move failed (" + w.dispatchFailure + "); not moved again before "
                + instant(w.retryAtMillis);
    }

    /** Why it ended, when its dispatches failed too often; null when it ended otherwise. */
    public static String endReason(WorkloadState w, Settings settings) {
        if (w.phase != WorkloadPhase.FAILED || !settings.enabled() || w.dispatchFailures < settings.attempts()
                || w.cluster != null) {
            return null;
        }
        return "dispatch failed " + w.dispatchFailures + " time(s); the last: " + w.dispatchFailure;
    }

    static long backoffMillis(Settings settings, int failures) {
        return settings.backoffMillis() << Math.min(MAX_DOUBLINGS, Math.max(0, failures - 1));
    }

    private static String instant(Long millis) {
        return millis == null ? "no round" : Instant.ofEpochMilli(millis).toString();
    }
}
